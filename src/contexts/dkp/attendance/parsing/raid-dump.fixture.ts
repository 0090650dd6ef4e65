/**
 * Builds EverQuest Live raid dumps for tests and benchmarks (not used at runtime).
 *
 * Layout as the Live client writes it: groups of six, 9 tab-separated fields per row ending in an
 * empty one, CRLF line endings. An empty string in `names` produces an empty slot (`7\t\t…\t`).
 * A real raid holds at most 72; further names are listed as ungrouped (group 0) so large
 * benchmark dumps stay parseable.
 */
const CLASSES = [
  'Warrior',
  'Cleric',
  'Paladin',
  'Ranger',
  'Shadow Knight',
  'Druid',
  'Monk',
  'Bard',
  'Rogue',
  'Shaman',
  'Necromancer',
  'Wizard',
  'Magician',
  'Enchanter',
  'Beastlord',
  'Berserker',
];
const GROUP_SIZE = 6;
const MAX_GROUPS = 12;
const FIELDS = 9;

export function liveRaidDump(names: string[]): string {
  const rows = names.map((name, index) => {
    const slot = index % GROUP_SIZE;
    const groupIndex = Math.floor(index / GROUP_SIZE);
    const group = groupIndex < MAX_GROUPS ? groupIndex + 1 : 0;
    if (name === '') return [String(group), ...Array<string>(FIELDS - 1).fill('')].join('\t');
    const leader = index === 0 ? 'Raid Leader' : slot === 0 && group !== 0 ? 'Group Leader' : '';
    const level = String(125 - (index % 7));
    const className = CLASSES[index % CLASSES.length];
    // Fields 6-8 are loot/assist/marker flags on Live; the 9th is always empty (trailing tab).
    const flag = leader === '' ? '' : 'Yes';
    return [String(group), name, level, className, leader, '', '', flag, ''].join('\t');
  });
  return rows.map((row) => `${row}\r\n`).join('');
}
