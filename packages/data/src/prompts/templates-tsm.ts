/**
 * Prompt templates for Turkish Sign Language (TİD, `tsm`), written in Turkish. The sentence is never
 * given a case suffix of its own (the suffix goes on a following noun: "… cümlesini"), so vowel
 * harmony never depends on the sentence. `{}` marks where the sentence goes. Written for SignLLM (not
 * taken from Prompt2Sign); siz and sen, questions, requests and imperatives.
 */

/**
 * Turkish question-style prompts asking for a sentence in Türk İşaret Dili.
 *
 * @example
 * ```ts
 * TEMPLATES_TSM[0].replace('{}', 'Yarın yağmur yağacak'); // '"Yarın yağmur yağacak" cümlesini Türk İşaret Dili\'nde nasıl ifade ederim?'
 * ```
 */
export const TEMPLATES_TSM: readonly string[] = Object.freeze([
  '"{}" cümlesini Türk İşaret Dili\'nde nasıl ifade ederim?',
  "Lütfen şu cümleyi TİD'de işaretle: {}",
  "Türk İşaret Dili'ne çevir: {}",
  '"{}" ifadesini Türk İşaret Dili\'nde gösterebilir misiniz lütfen?',
  'TİD öğreniyorum. "{}" cümlesini nasıl işaretlerim?',
  '"{}" — bu Türk İşaret Dili\'nde nasıl olur?',
  'Bana "{}" cümlesini TİD\'de göster.',
  '"{}" cümlesinin Türk İşaret Dili\'ndeki karşılığı nedir?',
  'Şu cümleyi Türk İşaret Dili\'nde işaretler misin: "{}"',
  'Sağır bir kişi "{}" cümlesini TİD\'de nasıl anlatır?',
  'TİD ile lütfen: {}',
  'Baksana, "{}" TİD\'de nasıl yapılıyor?',
  '"{}" demek için Türk İşaret Dili\'nde hangi işaretleri kullanmalıyım?',
  "{} cümlesini TİD'e çevirebilir misin?",
  '"{}" cümlesini Türk İşaret Dili\'nde adım adım nasıl işaretleyeceğimi anlatır mısınız?',
  '"{}" cümlesine TİD\'de ihtiyacım var. Yardım eder misin?',
  'Rica etsem "{}" cümlesini Türk İşaret Dili\'nde gösterir misiniz?',
  '"{}" cümlesini TİD\'de işaretlemenin iyi bir yolu var mı?',
  "{} — bunu TİD'de işaretle.",
  'Söylesene, "{}" Türk İşaret Dili\'nde nasıl anlatılıyor?',
  '"{}" cümlesini Türk İşaret Dili\'ne çevirmenizi rica ediyorum.',
  'TİD\'de "{}" cümlesine karşılık gelen işaret sırası hangisi?',
  'TİD çevirisi lütfen: "{}"',
  'Ankara\'daki kurs için "{}" cümlesini TİD\'de öğrenmem lazım. Gösterir misin?',
  '"{}" — bunu Türk İşaret Dili\'nde nasıl anlatırım?',
  '"{}" cümlesini TİD\'de işaretlemeyi öğrenmek istiyorum. Nereden başlamalıyım?',
  "Bu cümleyi Türk İşaret Dili'ne aktarır mısın: {}",
  'Bana "{}" cümlesinin TİD\'deki gösterimini yapar mısın?',
  '"{}" ifadesini TİD işaretleriyle nasıl söylersin?',
  'Yarın "{}" cümlesini TİD\'de işaretlemem gerekiyor. Nasıl yapayım?',
  'Türk İşaret Dili\'nde "{}" nasıl görünüyor?',
  "Türk İşaret Dili'nde şunu göster: '{}'",
  'İstanbul\'daki sağırlar "{}" cümlesini Türk İşaret Dili\'nde nasıl işaretler?',
]);
