import { agentTransitions, contactTransitions, type TransitionTable } from '../../machines/transition-table.js';

const NAME = /^[A-Za-z][A-Za-z.]*$/;

function luaTable<S extends string, E extends string>(name: string, table: TransitionTable<S, E>): string {
  const rows: string[] = [];
  for (const state of Object.keys(table) as S[]) {
    const row = table[state];
    const cells = (Object.keys(row) as E[]).map((event) => {
      const next = row[event] as S;
      for (const n of [state, event, next]) if (!NAME.test(n)) throw new Error(`'${n}' cannot be written as a Lua key`);
      return `['${event}'] = '${next}'`;
    });
    rows.push(`  ['${state}'] = { ${cells.join(', ')} },`);
  }
  return `local ${name} = {\n${rows.join('\n')}\n}`;
}

/**
 * The lifecycle transition tables as Lua, generated from the tables the core derives from the
 * XState machines: both stores refuse exactly the same transitions. Prepended to every script
 * after the prelude, with `contact_next(state, event)` and `agent_next(presence, event)`, which
 * return the next state or nil when the event is illegal.
 */
export function transitionTablesLua(): string {
  return [
    '-- Generated from the XState lifecycle machines (lua-tables.ts); do not edit.',
    luaTable('CONTACT_NEXT', contactTransitions),
    luaTable('AGENT_NEXT', agentTransitions),
    'local function contact_next(state, event) local row = CONTACT_NEXT[state]; return row and row[event] end',
    'local function agent_next(presence, event) local row = AGENT_NEXT[presence]; return row and row[event] end',
  ].join('\n');
}
