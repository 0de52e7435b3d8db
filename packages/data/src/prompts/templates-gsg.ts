/**
 * Prompt templates for German Sign Language (DGS, `gsg`), written in German as used in Germany
 * („…“ quotes, ß). `{}` marks where the sentence goes. Written for SignLLM (not taken from
 * Prompt2Sign); questions, requests and imperatives, formal (Sie) and informal (du).
 */

/**
 * German question-style prompts asking for a sentence in Deutsche Gebärdensprache.
 *
 * @example
 * ```ts
 * TEMPLATES_GSG[0].replace('{}', 'Morgen regnet es'); // 'Wie sieht „Morgen regnet es“ in Deutscher Gebärdensprache aus?'
 * ```
 */
export const TEMPLATES_GSG: readonly string[] = Object.freeze([
  'Wie sieht „{}“ in Deutscher Gebärdensprache aus?',
  'Bitte gebärde diesen Satz in DGS: {}',
  'Übersetze in Deutsche Gebärdensprache: „{}“',
  'Kannst du mir vormachen, wie „{}“ in DGS gebärdet wird?',
  'Was wäre „{}“ auf DGS?',
  'Zeig mir bitte „{}“ in DGS.',
  'Ich lerne gerade DGS. Wie würde ich „{}“ gebärden?',
  'Könnten Sie mir freundlicherweise vorführen, wie „{}“ in Deutscher Gebärdensprache aussieht?',
  '„{}“ – wie geht das in DGS?',
  'Wie lautet die DGS-Übersetzung von „{}“?',
  'Gebärde bitte Folgendes in DGS: {}',
  'Ich hätte gern „{}“ in Deutscher Gebärdensprache.',
  'Welche Gebärden brauche ich in DGS für {}?',
  'Übertrage diesen deutschen Satz in DGS: "{}"',
  'Wie würde eine gehörlose Person „{}“ in DGS ausdrücken?',
  'Kannst du „{}“ für mich in DGS gebärden?',
  'DGS bitte: {}',
  'Mich würde interessieren, welche Gebärden in der Deutschen Gebärdensprache zu „{}“ gehören.',
  'Führ mir mal vor, wie „{}“ in DGS geht.',
  'Wie setzt man "{}" in Deutsche Gebärdensprache um?',
  'Gibt es eine gute Möglichkeit, „{}“ in DGS zu gebärden?',
  'Bring mir bei, „{}“ in DGS zu gebärden.',
  'Was muss ich in DGS gebärden, um „{}“ zu sagen?',
  'Zeigen Sie bitte, wie {} in Deutscher Gebärdensprache aussieht.',
  'Kurze Frage: Was heißt „{}“ in DGS?',
  'Ich brauche „{}“ in DGS – kannst du helfen?',
  'In DGS, bitte: „{}“',
  'Wie würdest du {} in DGS wiedergeben?',
  'Erklär mir Schritt für Schritt, wie „{}“ in DGS funktioniert.',
  'Stell „{}“ bitte in Deutscher Gebärdensprache dar.',
  'Welche Gebärdenfolge in DGS passt zu „{}“?',
  'Wenn ich „{}“ in DGS sagen will, wie mache ich das?',
  'Bitte übersetze „{}“ in die Deutsche Gebärdensprache.',
  'Wie sieht der Satz »{}« in DGS gebärdet aus?',
]);
