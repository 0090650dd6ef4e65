import { runWithApp } from './run-with-app';
import { seedDemo } from './seed-demo';

void runWithApp('seed:demo', seedDemo);
