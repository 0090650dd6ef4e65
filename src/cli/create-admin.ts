import { parseArgs } from 'node:util';
import { UsersService } from '../platform/auth/users/users.service';
import { runWithApp } from './run-with-app';

/** `npm run create-admin -- --username NAME --password SECRET`: a platform administrator. */
void runWithApp('create-admin', async (app, logger) => {
  const { values } = parseArgs({ options: { username: { type: 'string' }, password: { type: 'string' } } });
  if (!values.username || !values.password || values.password.length < 10) {
    throw new Error('usage: npm run create-admin -- --username NAME --password SECRET (10+ characters)');
  }
  const users = app.get(UsersService);
  const user =
    (await users.findByUsername(values.username)) ??
    (await users.create({ username: values.username, password: values.password }));
  user.isPlatformAdmin = true;
  user.passwordHash = await users.hashPassword(values.password);
  await users.save(user);
  logger.log(`${user.username} is a platform administrator`);
});
