/**
 * Prompt templates for French Sign Language of Switzerland (LSF-CH, `ssr`), written in French as used
 * in Suisse romande (« … » quotes with spaces, a space before ? ! and :). `{}` marks where the sentence
 * goes. Written for SignLLM (not taken from Prompt2Sign); vous and tu, questions and imperatives.
 */

/**
 * French question-style prompts asking for a sentence in langue des signes française de Suisse romande.
 *
 * @example
 * ```ts
 * TEMPLATES_SSR[1].replace('{}', 'Il fait beau'); // 'Peux-tu me signer « Il fait beau » en LSF-CH ?'
 * ```
 */
export const TEMPLATES_SSR: readonly string[] = Object.freeze([
  'Comment dirait-on « {} » en langue des signes française de Suisse romande ?',
  'Peux-tu me signer « {} » en LSF-CH ?',
  'Traduis en LSF de Suisse romande : {}',
  "Pourriez-vous, s'il vous plaît, me faire voir comment signer « {} » en LSF-CH ?",
  'Signe-moi cette phrase en LSF-CH : « {} »',
  '« {} » : ça donne quoi en LSF-CH ?',
  "J'apprends la LSF-CH. Comment est-ce que je signerais « {} » ?",
  'Quelle est la traduction de « {} » en langue des signes de Suisse romande ?',
  'Fais-moi voir « {} » en LSF-CH, stp.',
  "Je cherche à exprimer « {} » en LSF-CH. Tu peux m'aider ?",
  'Comment une personne sourde de Lausanne signerait-elle « {} » en LSF-CH ?',
  "En LSF-CH, s'il te plaît : {}",
  'Pourriez-vous traduire « {} » en langue des signes française de Suisse romande ?',
  'Quels signes faut-il utiliser en LSF-CH pour « {} » ?',
  "J'aimerais voir « {} » signé en LSF-CH.",
  'Fais-moi une démonstration de « {} » en LSF-CH.',
  'Dis, comment on signe {} en LSF-CH ?',
  'Traduisez cette phrase en LSF-CH, je vous prie : "{}"',
  'Comment exprimer {} dans la langue des signes de Suisse romande ?',
  'Ça se signe comment, « {} », en LSF-CH ?',
  "Auriez-vous l'amabilité de signer « {} » en LSF-CH ?",
  'Passe « {} » en langue des signes, version Suisse romande.',
  "J'aimerais bien savoir comment on rend « {} » en LSF-CH.",
  'Quelle suite de signes correspond à « {} » en LSF-CH ?',
  "Signez {} en LSF-CH, s'il vous plaît.",
  'Explique-moi pas à pas comment signer « {} » en LSF-CH.',
  "Pour mon cours à Genève, j'ai besoin de « {} » en LSF-CH. Tu me montres ?",
  '« {} » – avec quels signes le dit-on en langue des signes de Suisse romande ?',
  "Est-ce qu'il y a une bonne façon de signer « {} » en LSF-CH ?",
  'Traduction en LSF-CH demandée : « {} »',
  'Comment rendre la phrase « {} » en langue des signes suisse romande ?',
  'Tu pourrais me faire « {} » en LSF-CH ?',
  "Je dois signer « {} » en LSF-CH demain. Comment m'y prendre ?",
  'À Fribourg ou à Neuchâtel, comment signe-t-on « {} » en LSF-CH ?',
]);
