/**
 * Prompt templates for Argentine Sign Language (LSA, `aed`), written in Argentine Spanish (voseo:
 * "mostrame", "¿podés?", "señá"; «…» and "…" quotes). `{}` marks where the sentence goes. Written for
 * SignLLM (not taken from Prompt2Sign); vos and usted, questions, requests and imperatives.
 */

/**
 * Argentine Spanish question-style prompts asking for a sentence in Lengua de Señas Argentina.
 *
 * @example
 * ```ts
 * TEMPLATES_AED[0].replace('{}', 'Hoy llueve'); // '¿Cómo se dice «Hoy llueve» en Lengua de Señas Argentina?'
 * ```
 */
export const TEMPLATES_AED: readonly string[] = Object.freeze([
  '¿Cómo se dice «{}» en Lengua de Señas Argentina?',
  '¿Me mostrás cómo se seña «{}» en LSA?',
  'Traducí a Lengua de Señas Argentina: {}',
  '¿Podrías señar «{}» en LSA, por favor?',
  'Estoy aprendiendo LSA. ¿Cómo señaría «{}»?',
  '«{}»: ¿cómo queda en LSA?',
  'Mostrame «{}» en LSA.',
  '¿Cuál es la traducción de «{}» a la Lengua de Señas Argentina?',
  'Señá esta frase en LSA: «{}»',
  '¿Cómo señaría «{}» en LSA una persona sorda de Buenos Aires?',
  'En LSA, por favor: {}',
  'Che, ¿cómo se hace «{}» en LSA?',
  '¿Qué señas uso en LSA para decir «{}»?',
  '¿Me enseñás a señar {} en LSA?',
  'Explicame paso a paso cómo señar «{}» en Lengua de Señas Argentina.',
  'Necesito «{}» en LSA. ¿Me das una mano?',
  '¿Sería tan amable de mostrarme «{}» en Lengua de Señas Argentina?',
  '¿Hay una buena forma de señar "{}" en LSA?',
  'Señá {} en LSA.',
  'Decime cómo queda «{}» en LSA.',
  'Le pido que traduzca «{}» a la LSA.',
  '¿Qué secuencia de señas corresponde a «{}» en LSA?',
  'Traducción a LSA, por favor: "{}"',
  'Para el curso en Córdoba necesito «{}» en LSA. ¿Me lo mostrás?',
  '«{}» – ¿cómo lo expreso en Lengua de Señas Argentina?',
  'Quiero aprender a señar «{}» en LSA. ¿Por dónde arranco?',
  '¿Podés pasar {} a LSA?',
  'Haceme una demostración de «{}» en LSA.',
  '¿Cómo dirías «{}» con las señas de la LSA?',
  'Pasá esta oración a Lengua de Señas Argentina: "{}"',
  'Mañana tengo que señar «{}» en LSA. ¿Cómo lo hago?',
  '¿Cómo se ve «{}» en Lengua de Señas Argentina?',
  'Dale, señame «{}» en LSA, que lo quiero practicar.',
]);
