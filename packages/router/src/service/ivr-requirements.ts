import type { CollectedAttributes } from '@switchboard/ivr';

/** What the skills are read from: the routing domain's catalogue. */
interface WithCatalogue {
  readonly domain: { readonly skills?: ReadonlyArray<{ readonly id: string }> };
}

/**
 * What an IVR's exit requires of the agent who takes the call: the skills the exit names
 * (`requiredSkills`) and the skill of the caller's language — `lang.<code>` (`lang.en` for a
 * caller who chose English), when the domain's catalogue has it. The router then offers the
 * call only to agents with all of them, whatever queue and center it lands in.
 *
 * @example
 * contactSkillsOf(config, { language: 'en', requiredSkills: ['support'], data: {} }); // ['support', 'lang.en']
 */
export function contactSkillsOf(config: WithCatalogue, a: Pick<CollectedAttributes, 'language' | 'requiredSkills'>): string[] {
  const catalogue = new Set((config.domain.skills ?? []).map((s) => s.id));
  const out = [...(a.requiredSkills ?? [])];
  const lang = a.language === undefined ? undefined : languageSkill(a.language);
  if (lang !== undefined && catalogue.has(lang) && !out.includes(lang)) out.push(lang);
  return out;
}

/** The skill that stands for speaking a language: `lang.<code>` (`en-GB` → `lang.en-GB`). */
export const languageSkill = (language: string): string => `lang.${language}`;

/** Problems of an IVR's exits against the domain: a required skill the catalogue lacks would leave the call with nobody to take it. */
export function ivrSkillProblems(nodes: Readonly<Record<string, { type: string; requiredSkills?: readonly string[] }>>, catalogue: ReadonlySet<string>, path: string): string[] {
  const out: string[] = [];
  for (const [id, n] of Object.entries(nodes)) {
    (n.requiredSkills ?? []).forEach((s, i) => { if (!catalogue.has(s)) out.push(`${path}.nodes.${id}.requiredSkills[${i}]: no skill '${s}' in the domain's catalogue`); });
  }
  return out;
}
