/**
 * The synthetic corpus vocabulary: one list of common concepts (nouns, verbs, adjectives, time words)
 * translated into the spoken language of each Prompt2Sign sign language. Nouns carry their article,
 * as a sentence would use them; `splitArticle` recovers the bare dictionary word.
 */

/** Part of speech of a concept (decides nothing yet but is kept for templates). */
export type PartOfSpeech = 'noun' | 'verb' | 'adjective' | 'time';

/** Spoken-language columns of the table, in order. */
const COLUMNS = ['en', 'de', 'fr', 'it', 'es-AR', 'ko', 'tr'] as const;
type Column = (typeof COLUMNS)[number];

/** concept | part of speech | English | German | French | Italian | Argentine Spanish | Korean | Turkish. */
// biome-ignore format: one concept a row
const TABLE: ReadonlyArray<readonly [string, PartOfSpeech, string, string, string, string, string, string, string]> = [
  ['HOUSE', 'noun', 'the house', 'das Haus', 'la maison', 'la casa', 'la casa', '집', 'ev'],
  ['WATER', 'noun', 'the water', 'das Wasser', "l'eau", "l'acqua", 'el agua', '물', 'su'],
  ['SCHOOL', 'noun', 'the school', 'die Schule', "l'école", 'la scuola', 'la escuela', '학교', 'okul'],
  ['BOOK', 'noun', 'the book', 'das Buch', 'le livre', 'il libro', 'el libro', '책', 'kitap'],
  ['FRIEND', 'noun', 'the friend', 'der Freund', "l'ami", "l'amico", 'el amigo', '친구', 'arkadaş'],
  ['FAMILY', 'noun', 'the family', 'die Familie', 'la famille', 'la famiglia', 'la familia', '가족', 'aile'],
  ['MOTHER', 'noun', 'the mother', 'die Mutter', 'la mère', 'la madre', 'la madre', '어머니', 'anne'],
  ['FATHER', 'noun', 'the father', 'der Vater', 'le père', 'il padre', 'el padre', '아버지', 'baba'],
  ['CHILD', 'noun', 'the child', 'das Kind', "l'enfant", 'il bambino', 'el nene', '아이', 'çocuk'],
  ['CAR', 'noun', 'the car', 'das Auto', 'la voiture', 'la macchina', 'el auto', '자동차', 'araba'],
  ['BUS', 'noun', 'the bus', 'der Bus', 'le bus', "l'autobus", 'el colectivo', '버스', 'otobüs'],
  ['CITY', 'noun', 'the city', 'die Stadt', 'la ville', 'la città', 'la ciudad', '도시', 'şehir'],
  ['WORK', 'noun', 'the work', 'die Arbeit', 'le travail', 'il lavoro', 'el trabajo', '일', 'iş'],
  ['MONEY', 'noun', 'the money', 'das Geld', "l'argent", 'il denaro', 'la plata', '돈', 'para'],
  ['BREAD', 'noun', 'the bread', 'das Brot', 'le pain', 'il pane', 'el pan', '빵', 'ekmek'],
  ['COFFEE', 'noun', 'the coffee', 'der Kaffee', 'le café', 'il caffè', 'el café', '커피', 'kahve'],
  ['DOCTOR', 'noun', 'the doctor', 'der Arzt', 'le médecin', 'il medico', 'el médico', '의사', 'doktor'],
  ['HOSPITAL', 'noun', 'the hospital', 'das Krankenhaus', "l'hôpital", "l'ospedale", 'el hospital', '병원', 'hastane'],
  ['PHONE', 'noun', 'the phone', 'das Handy', 'le téléphone', 'il telefono', 'el celular', '전화', 'telefon'],
  ['COMPUTER', 'noun', 'the computer', 'der Computer', "l'ordinateur", 'il computer', 'la computadora', '컴퓨터', 'bilgisayar'],
  ['WEATHER', 'noun', 'the weather', 'das Wetter', 'la météo', 'il tempo', 'el tiempo', '날씨', 'hava'],
  ['RAIN', 'noun', 'the rain', 'der Regen', 'la pluie', 'la pioggia', 'la lluvia', '비', 'yağmur'],
  ['SUN', 'noun', 'the sun', 'die Sonne', 'le soleil', 'il sole', 'el sol', '해', 'güneş'],
  ['DOG', 'noun', 'the dog', 'der Hund', 'le chien', 'il cane', 'el perro', '개', 'köpek'],
  ['CAT', 'noun', 'the cat', 'die Katze', 'le chat', 'il gatto', 'el gato', '고양이', 'kedi'],
  ['TREE', 'noun', 'the tree', 'der Baum', "l'arbre", "l'albero", 'el árbol', '나무', 'ağaç'],
  ['BICYCLE', 'noun', 'the bicycle', 'das Fahrrad', 'le vélo', 'la bicicletta', 'la bicicleta', '자전거', 'bisiklet'],
  ['TRAIN', 'noun', 'the train', 'der Zug', 'le train', 'il treno', 'el tren', '기차', 'tren'],
  ['SHOP', 'noun', 'the shop', 'der Laden', 'le magasin', 'il negozio', 'el negocio', '가게', 'dükkan'],
  ['STREET', 'noun', 'the street', 'die Straße', 'la rue', 'la strada', 'la calle', '길', 'sokak'],
  ['NIGHT', 'noun', 'the night', 'die Nacht', 'la nuit', 'la notte', 'la noche', '밤', 'gece'],
  ['WEEK', 'noun', 'the week', 'die Woche', 'la semaine', 'la settimana', 'la semana', '주', 'hafta'],
  ['EAT', 'verb', 'eat', 'essen', 'manger', 'mangiare', 'comer', '먹다', 'yemek'],
  ['DRINK', 'verb', 'drink', 'trinken', 'boire', 'bere', 'tomar', '마시다', 'içmek'],
  ['GO', 'verb', 'go', 'gehen', 'aller', 'andare', 'ir', '가다', 'gitmek'],
  ['COME', 'verb', 'come', 'kommen', 'venir', 'venire', 'venir', '오다', 'gelmek'],
  ['SEE', 'verb', 'see', 'sehen', 'voir', 'vedere', 'ver', '보다', 'görmek'],
  ['LEARN', 'verb', 'learn', 'lernen', 'apprendre', 'imparare', 'aprender', '배우다', 'öğrenmek'],
  ['HELP', 'verb', 'help', 'helfen', 'aider', 'aiutare', 'ayudar', '돕다', 'yardım etmek'],
  ['SLEEP', 'verb', 'sleep', 'schlafen', 'dormir', 'dormire', 'dormir', '자다', 'uyumak'],
  ['BUY', 'verb', 'buy', 'kaufen', 'acheter', 'comprare', 'comprar', '사다', 'almak'],
  ['READ', 'verb', 'read', 'lesen', 'lire', 'leggere', 'leer', '읽다', 'okumak'],
  ['WRITE', 'verb', 'write', 'schreiben', 'écrire', 'scrivere', 'escribir', '쓰다', 'yazmak'],
  ['PLAY', 'verb', 'play', 'spielen', 'jouer', 'giocare', 'jugar', '놀다', 'oynamak'],
  ['WANT', 'verb', 'want', 'wollen', 'vouloir', 'volere', 'querer', '원하다', 'istemek'],
  ['LOVE', 'verb', 'love', 'lieben', 'aimer', 'amare', 'amar', '사랑하다', 'sevmek'],
  ['BIG', 'adjective', 'big', 'groß', 'grand', 'grande', 'grande', '크다', 'büyük'],
  ['SMALL', 'adjective', 'small', 'klein', 'petit', 'piccolo', 'chico', '작다', 'küçük'],
  ['GOOD', 'adjective', 'good', 'gut', 'bon', 'buono', 'bueno', '좋다', 'iyi'],
  ['BAD', 'adjective', 'bad', 'schlecht', 'mauvais', 'cattivo', 'malo', '나쁘다', 'kötü'],
  ['NEW', 'adjective', 'new', 'neu', 'nouveau', 'nuovo', 'nuevo', '새롭다', 'yeni'],
  ['OLD', 'adjective', 'old', 'alt', 'vieux', 'vecchio', 'viejo', '오래되다', 'eski'],
  ['HAPPY', 'adjective', 'happy', 'glücklich', 'heureux', 'felice', 'feliz', '행복하다', 'mutlu'],
  ['TIRED', 'adjective', 'tired', 'müde', 'fatigué', 'stanco', 'cansado', '피곤하다', 'yorgun'],
  ['BEAUTIFUL', 'adjective', 'beautiful', 'schön', 'beau', 'bello', 'lindo', '아름답다', 'güzel'],
  ['TODAY', 'time', 'today', 'heute', "aujourd'hui", 'oggi', 'hoy', '오늘', 'bugün'],
  ['TOMORROW', 'time', 'tomorrow', 'morgen', 'demain', 'domani', 'mañana', '내일', 'yarın'],
  ['YESTERDAY', 'time', 'yesterday', 'gestern', 'hier', 'ieri', 'ayer', '어제', 'dün'],
  ['NOW', 'time', 'now', 'jetzt', 'maintenant', 'adesso', 'ahora', '지금', 'şimdi'],
];

/** Swiss Standard German: `ss` for `ß`, and Helvetisms where Switzerland says it differently. */
const SWISS_GERMAN: Readonly<Record<string, string>> = {
  HOSPITAL: 'das Spital',
  BICYCLE: 'das Velo',
  PHONE: 'das Natel',
  SHOP: 'das Geschäft',
};

/** The spoken-language column used by each sign language (ISO 639-3 code). */
const COLUMN_OF: Readonly<Record<string, Column | 'de-CH'>> = {
  ase: 'en',
  gsg: 'de',
  sgg: 'de-CH',
  ssr: 'fr',
  slf: 'it',
  aed: 'es-AR',
  kvk: 'ko',
  tsm: 'tr',
};

/** One concept in one spoken language. */
export interface VocabularyEntry {
  /** Language-independent concept id (the English gloss), e.g. `"HOUSE"`. */
  readonly concept: string;
  /** Part of speech. */
  readonly pos: PartOfSpeech;
  /** The form a sentence uses: nouns with their article (`"das Haus"`, `"l'eau"`). */
  readonly phrase: string;
}

/**
 * Sign languages (ISO 639-3 codes) that have a synthetic vocabulary: the eight of Prompt2Sign.
 *
 * @example
 * ```ts
 * SYNTH_LANGUAGES; // ['ase', 'gsg', 'sgg', 'ssr', 'slf', 'aed', 'kvk', 'tsm']
 * ```
 */
export const SYNTH_LANGUAGES: readonly string[] = Object.keys(COLUMN_OF);

/**
 * Number of concepts every language has (the largest possible lexicon).
 *
 * @example
 * ```ts
 * createSynthLexicon('ase', { seed: 1 }).entries.length === SYNTH_CONCEPT_COUNT; // true
 * ```
 */
export const SYNTH_CONCEPT_COUNT: number = TABLE.length;

/** Spoken-language tag (BCP 47) of a synthetic language's text, or undefined when it has none. */
export function spokenColumn(code: string): string | undefined {
  return COLUMN_OF[code];
}

/**
 * The vocabulary of one sign language's spoken language, in concept order, or undefined when the
 * language has none.
 *
 * @example
 * ```ts
 * synthVocabulary('gsg')?.[0]; // { concept: 'HOUSE', pos: 'noun', phrase: 'das Haus' }
 * ```
 */
export function synthVocabulary(code: string): VocabularyEntry[] | undefined {
  const column = COLUMN_OF[code];
  if (column === undefined) return undefined;
  const index = COLUMNS.indexOf(column === 'de-CH' ? 'de' : column);
  return TABLE.map((row) => {
    let phrase = row[2 + index] as string;
    if (column === 'de-CH') phrase = SWISS_GERMAN[row[0]] ?? phrase.replaceAll('ß', 'ss');
    return { concept: row[0], pos: row[1], phrase };
  });
}
