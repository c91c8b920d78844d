import { chosenOption, collected, isExit, type CollectNode, type IvrDefinition, type IvrEvent, type IvrNode, type MenuNode } from '@switchboard/ivr';

/**
 * The edges of an IVR definition as a caller can take them — every option by its key and by
 * each of its keywords, each retry and each retry-exhausted `onFail` (after invalid input and
 * after silence), every lookup branch and the default, the hours branches, a hang-up from every
 * waiting node — and, for a transition the machine made, which edge it was. Labels:
 * `<node> key <k>`, `<node> say <keyword>`, `<node> invalid retry`, `<node> timeout onFail`, …
 */

/** A snapshot as far as edges are concerned. */
export interface EdgeSnapshot {
  readonly value: unknown;
  readonly context: { readonly retries: number };
}

const maxRetries = (n: MenuNode | CollectNode): number => n.maxRetries ?? 2;

function retryEdges(id: string, n: MenuNode | CollectNode): string[] {
  const out = [`${id} invalid onFail`, `${id} timeout onFail`, `${id} hangup`];
  return maxRetries(n) > 0 ? [...out, `${id} invalid retry`, `${id} timeout retry`] : out;
}

/** Every edge of the definition. */
export function edgesOf(def: IvrDefinition): string[] {
  const out: string[] = [];
  for (const [id, n] of Object.entries(def.nodes)) {
    if (n.type === 'menu') {
      for (const o of n.options) out.push(`${id} key ${o.key}`, ...(o.keywords ?? []).map((k) => `${id} say ${k}`));
      out.push(...retryEdges(id, n));
    } else if (n.type === 'collect') out.push(`${id} valid`, ...retryEdges(id, n));
    else if (n.type === 'lookup') out.push(...Object.keys(n.branches).map((v) => `${id} branch ${v}`), `${id} default`, `${id} hangup`);
    else if (n.type === 'hours') out.push(`${id} open`, `${id} closed`);
  }
  return out.sort();
}

/** A valid input for a collect node: the shortest it takes. */
function validDigits(n: CollectNode): string {
  if (n.kind === 'date') return '01012026';
  return '5'.repeat(n.minLength);
}

/** An input a collect node refuses: too long. */
const invalidDigits = (n: CollectNode): string => '1'.repeat(Math.min(32, n.maxLength + 1));

/** The events worth sending at a node (what a caller or the lookup can do there), at time `at`. */
export function eventsAt(def: IvrDefinition, node: string, at: number): IvrEvent[] {
  const n = def.nodes[node];
  if (n === undefined || isExit(n)) return [];
  const common: IvrEvent[] = [{ type: 'ivr.timeout', at }, { type: 'ivr.hangup', at }];
  if (n.type === 'menu') {
    const invalid = '0123456789*#'.split('').find((d) => !n.options.some((o) => o.key === d));
    return [
      ...n.options.map((o): IvrEvent => ({ type: 'ivr.digits', digits: o.key, at })),
      ...n.options.flatMap((o) => (o.keywords ?? []).map((text): IvrEvent => ({ type: 'ivr.speech', text, at }))),
      ...(invalid === undefined ? [] : [{ type: 'ivr.digits' as const, digits: invalid, at }]),
      { type: 'ivr.speech', text: 'mumble', at }, ...common,
    ];
  }
  if (n.type === 'collect') return [{ type: 'ivr.digits', digits: `${validDigits(n)}#`, at }, { type: 'ivr.digits', digits: invalidDigits(n), at }, ...common];
  if (n.type === 'lookup') return [...Object.keys(n.branches), '$none'].map((value): IvrEvent => ({ type: 'ivr.lookup', value, at })).concat({ type: 'ivr.hangup', at });
  return [];
}

/** Retry or onFail: the machine stayed at the node with one more retry, or left it. */
const retryOrFail = (id: string, what: string, from: EdgeSnapshot, to: EdgeSnapshot): string =>
  `${id} ${what} ${String(to.value) === id && to.context.retries > from.context.retries ? 'retry' : 'onFail'}`;

function menuEdge(id: string, n: MenuNode, e: IvrEvent, from: EdgeSnapshot, to: EdgeSnapshot): string {
  const o = chosenOption(n, e);
  if (o !== undefined) return e.type === 'ivr.speech' ? `${id} say ${e.text}` : `${id} key ${o.key}`;
  return retryOrFail(id, e.type === 'ivr.timeout' ? 'timeout' : 'invalid', from, to);
}

/** The edge a transition from `from` on `e` to `to` took, if it is one. */
export function edgeOf(def: IvrDefinition, from: EdgeSnapshot, e: IvrEvent, to: EdgeSnapshot): string | undefined {
  const id = String(from.value);
  const n: IvrNode | undefined = def.nodes[id];
  if (n === undefined) return undefined;
  if (e.type === 'ivr.hangup') return `${id} hangup`;
  if (n.type === 'menu') return menuEdge(id, n, e, from, to);
  if (n.type === 'collect') return e.type !== 'ivr.timeout' && collected(n, e) !== undefined ? `${id} valid` : retryOrFail(id, e.type === 'ivr.timeout' ? 'timeout' : 'invalid', from, to);
  if (n.type === 'lookup' && e.type === 'ivr.lookup') return Object.hasOwn(n.branches, e.value) ? `${id} branch ${e.value}` : `${id} default`;
  return undefined;
}

/** Where a transition to `target` comes to rest: through play nodes (hours nodes: either branch). */
export function landings(def: IvrDefinition, target: string): string[] {
  const seen = new Set<string>();
  const walk = (id: string): string[] => {
    if (seen.has(id)) return [];
    seen.add(id);
    const n = def.nodes[id];
    if (n?.type === 'play') return walk(n.next);
    if (n?.type === 'hours') return [...walk(n.open), ...walk(n.closed)];
    return [id];
  };
  return walk(target);
}
