/**
 * Prompt templates for Italian Sign Language of Switzerland (LIS-CH, `slf`), written in Italian as
 * used in Ticino («…» quotes). `{}` marks where the sentence goes. Written for SignLLM (not taken from
 * Prompt2Sign); tu and Lei, questions, requests and imperatives.
 */

/**
 * Italian question-style prompts asking for a sentence in lingua dei segni italiana (LIS-CH).
 *
 * @example
 * ```ts
 * TEMPLATES_SLF[1].replace('{}', 'Piove'); // 'Mi mostri «Piove» in LIS-CH, per favore?'
 * ```
 */
export const TEMPLATES_SLF: readonly string[] = Object.freeze([
  'Come si segnerebbe «{}» nella lingua dei segni della Svizzera italiana?',
  'Mi mostri «{}» in LIS-CH, per favore?',
  'Traduci in lingua dei segni italiana (LIS-CH): {}',
  'Potrebbe gentilmente segnare «{}» in LIS-CH?',
  'Sto imparando la LIS-CH. Come renderei «{}»?',
  '«{}»: come viene in LIS-CH?',
  'Qual è la traduzione in LIS-CH di «{}»?',
  'Segnami questa frase in LIS-CH: «{}»',
  'Come segnerebbe «{}» in LIS-CH una persona sorda ticinese?',
  'In LIS-CH, per piacere: {}',
  'Mi piacerebbe capire con quali segni si esprime «{}» nella lingua dei segni italiana (LIS-CH).',
  'Mi fai vedere «{}» in LIS-CH?',
  'Quali segni servono in LIS-CH per dire «{}»?',
  'Riesci a tradurre {} in LIS-CH?',
  'Spiegami passo per passo come segnare «{}» in LIS-CH.',
  'Ho bisogno di «{}» in LIS-CH. Mi aiuti?',
  'Potresti rendere "{}" nella lingua dei segni della Svizzera italiana?',
  'Esiste un buon modo per segnare «{}» in LIS-CH?',
  'Segna {} in LIS-CH.',
  "Dimmi un po', come si fa «{}» in LIS-CH?",
  'Le chiedo cortesemente di tradurre «{}» in LIS-CH.',
  'Che sequenza di segni corrisponde a «{}» in LIS-CH?',
  'Traduzione in LIS-CH richiesta: «{}»',
  'Per il corso di Lugano mi serve «{}» in LIS-CH. Me lo fai vedere?',
  '«{}» – come lo esprimo in lingua dei segni italiana (LIS-CH)?',
  'Vorrei saper segnare «{}» in LIS-CH. Da dove comincio?',
  'Può farmi vedere come si rende {} in LIS-CH?',
  'Fammi una dimostrazione di «{}» in LIS-CH.',
  'Come diresti «{}» con i segni della LIS-CH?',
  'Converti questa frase in LIS-CH: "{}"',
  'Domani devo segnare «{}» in LIS-CH. Come faccio?',
  'Che aspetto ha «{}» in LIS-CH?',
  'A Bellinzona come si segna «{}» nella LIS della Svizzera italiana?',
]);
