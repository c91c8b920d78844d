/// <reference types="vite/client" />
import { FakeSoftphone } from './fake-softphone.js';
import type { Softphone } from './softphone.js';

/** Which phone the desktop runs: JsSIP against the PBX, or the fake (demos, tests). */
export type SoftphoneKind = 'jssip' | 'fake';

/** The phone chosen, and the fake itself when it is one (the demo page plays the PBX with it). */
export type ChosenSoftphone =
  | { readonly kind: 'jssip'; readonly phone: Softphone }
  | { readonly kind: 'fake'; readonly phone: Softphone; readonly fake: FakeSoftphone };

/** What `jssip-softphone.ts` may export: a class (`JsSipSoftphone` or default) or a factory. */
interface JsSipModule {
  readonly JsSipSoftphone?: new () => Softphone;
  readonly createJsSipSoftphone?: () => Softphone;
  readonly default?: new () => Softphone;
}

/**
 * The JsSIP implementation, when the package has one: Vite resolves the pattern at build time,
 * so a build without `jssip-softphone.ts` simply has none, and JsSIP stays in its own chunk
 * loaded only when chosen.
 */
const jssipModules = import.meta.glob<JsSipModule>('./jssip-softphone.ts');

/** `?softphone=fake` (or `jssip`) chooses; otherwise JsSIP when it is built in, else the fake. */
export function softphoneKindOf(search: string, jssipAvailable: boolean): SoftphoneKind {
  const asked = new URLSearchParams(search).get('softphone');
  if (asked === 'fake') return 'fake';
  if (asked === 'jssip' && jssipAvailable) return 'jssip';
  return jssipAvailable ? 'jssip' : 'fake';
}

async function loadJsSip(): Promise<Softphone> {
  const load = Object.values(jssipModules)[0];
  if (load === undefined) throw new Error('this build has no JsSIP softphone');
  const m = await load();
  if (m.createJsSipSoftphone !== undefined) return m.createJsSipSoftphone();
  const Ctor = m.JsSipSoftphone ?? m.default;
  if (Ctor === undefined) throw new Error('jssip-softphone.ts exports no JsSipSoftphone');
  return new Ctor();
}

/**
 * The desktop's softphone, by the page's query string (`?softphone=fake` for demos and the
 * browser walk-through; real SIP otherwise, when this build has it).
 *
 * @example
 * ```ts
 * const chosen = await createSoftphone(location.search);
 * chosen.phone.register(credentials, listener);
 * if (chosen.kind === 'fake') chosen.fake.incoming('sip:+78129978363@pbx', { 'X-Contact-Id': id });
 * ```
 */
export async function createSoftphone(search: string): Promise<ChosenSoftphone> {
  if (softphoneKindOf(search, Object.keys(jssipModules).length > 0) === 'jssip') return { kind: 'jssip', phone: await loadJsSip() };
  const fake = new FakeSoftphone({ answerOutgoingAfterMs: 1_500 });
  return { kind: 'fake', phone: fake, fake };
}
