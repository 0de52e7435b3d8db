/**
 * Prompt templates for American Sign Language (`ase`), written in English. `{}` marks where the
 * sentence goes. Written for SignLLM (not taken from Prompt2Sign); a mix of questions, requests and
 * imperatives, polite and casual, with and without quotes around the sentence.
 */

/**
 * English question-style prompts asking for a sentence in ASL.
 *
 * @example
 * ```ts
 * TEMPLATES_ASE[0].replace('{}', 'The sky is blue'); // "What would 'The sky is blue' look like in ASL?"
 * ```
 */
export const TEMPLATES_ASE: readonly string[] = Object.freeze([
  "What would '{}' look like in ASL?",
  'Please sign this sentence in ASL: {}',
  'Sign the following in American Sign Language: "{}"',
  'How would a Deaf signer put "{}" into ASL?',
  "Could you turn '{}' into ASL for me?",
  'I\'m practicing ASL. How does "{}" go?',
  'Show me "{}" in ASL, please.',
  'Translate into ASL: {}',
  "ASL translation needed: '{}'",
  'What\'s the ASL version of "{}"?',
  "Hey, how do I get '{}' across with my hands in ASL?",
  'Would you kindly demonstrate how "{}" is signed in American Sign Language?',
  "I'd love to see '{}' signed in ASL.",
  'Give me the ASL for: {}',
  '"{}" — what\'s that in ASL?',
  'Can you walk me through signing "{}" in ASL?',
  'How would a fluent ASL user express "{}"?',
  'Produce the ASL signing for this line: {}',
  "In ASL, what are the signs for '{}'?",
  "Quick question: what's '{}' in ASL?",
  'Teach me to sign "{}" in American Sign Language.',
  'Let\'s see "{}" in ASL.',
  "Please render '{}' in American Sign Language.",
  'Which signs would I use in ASL for "{}"?',
  'Convert this English sentence to ASL: "{}"',
  "If I wanted to sign '{}' in ASL, what would that look like?",
  'Could you please show how to get "{}" across in ASL?',
  'ASL, please: {}',
  'I need to sign "{}" in ASL tomorrow. Can you help me prepare?',
  "Is there a good way to sign '{}' in ASL?",
  "Go ahead and sign '{}' in ASL.",
  'How does one sign {} in ASL?',
  'Sign {} for me in ASL.',
  "Help me sign '{}' in American Sign Language, step by step.",
  'What does "{}" look like when an ASL interpreter signs it?',
]);
