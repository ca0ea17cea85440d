/**
 * The language side of red-flag screening: how patients actually spell things, which words cancel
 * a symptom ("no numbness"), which do not ("no feeling down below" IS the symptom), and which
 * harmless phrases look like symptoms ("fell asleep", "wee bit", "call me back").
 *
 * Everything here is data so that a clinician can review it without reading the engine. All
 * entries are written in the engine's normalised form: lower case, no accents, no apostrophes
 * ("can't" is "cant"). British and US spellings need not both be listed: the engine folds
 * ae/e, oe/e, our/or and yse/yze before comparing (see `canonicalSpelling` in red-flags.ts).
 */

/**
 * Whole-token rewrites applied before anything else: text-speak, common misspellings that are too
 * short or too far off for fuzzy matching, and run-together words. A value with a space becomes
 * several tokens that all point at the same characters of the original message.
 */
export const TOKEN_REWRITES: Readonly<Record<string, string>> = {
  // text-speak and contractions written without apostrophes or with letters missing
  cnt: 'cant', carnt: 'cant', kant: 'cant', cannt: 'cant', canot: 'cannot', cn: 'can',
  cudnt: 'couldnt', couldn: 'couldnt', cldnt: 'couldnt',
  dnt: 'dont', didn: 'didnt', doesn: 'doesnt', dosnt: 'doesnt', dosent: 'doesnt', doesent: 'doesnt',
  havnt: 'havent', hvnt: 'havent', hasn: 'hasnt', isn: 'isnt', wasn: 'wasnt', aren: 'arent',
  wnt: 'wont',
  hav: 'have', hv: 'have', av: 'have', ave: 'have', iv: 'ive',
  wiv: 'with', wid: 'with', wth: 'with', wen: 'when', wot: 'what', u: 'you', ur: 'your', r: 'are',
  n: 'and', nd: 'and', abt: 'about', b4: 'before', coz: 'because', cos: 'because', cuz: 'because',
  bcos: 'because', bc: 'because', pls: 'please', plz: 'please', plse: 'please', v: 'very', realy: 'really',
  bk: 'back', bck: 'back', bak: 'back', nek: 'neck', nck: 'neck', lft: 'left', rite: 'right',
  nite: 'night', nites: 'nights', tonite: 'tonight', '2nite': 'tonight', '2day': 'today',
  hrs: 'hours', hr: 'hour', mins: 'minutes', min: 'minute', minuets: 'minutes', minits: 'minutes',
  // run-together words
  backpain: 'back pain', chestpain: 'chest pain', neckpain: 'neck pain', legpain: 'leg pain',
  pinsandneedles: 'pins and needles', weightloss: 'weight loss', lostweight: 'lost weight',
  nightsweats: 'night sweats', shortness: 'shortness', breathlessnes: 'breathlessness', neckache: 'neck ache',
  stiffneck: 'stiff neck', lowerback: 'lower back', upperback: 'upper back', bloodclot: 'blood clot', cantfeel: 'cant feel', cantpee: 'cant pee', cantwee: 'cant wee',
  lightheaded: 'light headed', shortofbreath: 'short of breath', tailbone: 'tail bone',
  shoulderblade: 'shoulder blade', shoulderblades: 'shoulder blades', lockjaw: 'lock jaw',
  breaststroke: 'breast stroke', backstroke: 'back stroke', blackout: 'blacked out', blackouts: 'blacked out',
  // misspellings the fuzzy matcher cannot safely reach (short words, or two edits away)
  num: 'numb', nunb: 'numb', numd: 'numb', numbe: 'numb', numbb: 'numb', numnes: 'numbness', numbnes: 'numbness',
  nummness: 'numbness', numbniss: 'numbness',
  tinkling: 'tingling', tinglin: 'tingling', tingeling: 'tingling', tinglying: 'tingling', tinglyness: 'tingling',
  weeknes: 'weakness', weekness: 'weakness', weaknes: 'weakness', wekness: 'weakness', weeak: 'weak',
  pea: 'pee', peing: 'peeing', weing: 'weeing', wiz: 'wee', wizz: 'wee', urin: 'urine',
  bladda: 'bladder', blader: 'bladder', bladdar: 'bladder', bowl: 'bowel', bowls: 'bowels', bowles: 'bowels',
  feaver: 'fever', fevar: 'fever', fevor: 'fever', fevre: 'fever', feva: 'fever',
  tempriture: 'temperature', temprature: 'temperature',
  strok: 'stroke', stroak: 'stroke', storke: 'stroke', stroek: 'stroke', srtoke: 'stroke',
  dizy: 'dizzy', dizzey: 'dizzy', dizzie: 'dizzy', dizzi: 'dizzy', dissy: 'dizzy',
  calve: 'calf', claf: 'calf', cafl: 'calf',
  lumber: 'lumbar', syatica: 'sciatica', siatica: 'sciatica', sciatca: 'sciatica', sciactica: 'sciatica',
  groine: 'groin', buttox: 'buttocks', buttoks: 'buttocks', buttok: 'buttock', testicals: 'testicles',
  spazm: 'spasm', spazms: 'spasms', spasim: 'spasm', spasams: 'spasms', spazzing: 'spasming',
  crampe: 'cramp', cramo: 'cramp', cramos: 'cramps', cramb: 'cramp', crambs: 'cramps',
  brething: 'breathing', breth: 'breath', breathin: 'breathing', brath: 'breath',
  collasped: 'collapsed', colapsed: 'collapsed', collaped: 'collapsed',
  swolen: 'swollen', swolan: 'swollen', swollon: 'swollen', swolled: 'swollen', sweling: 'swelling',
  staten: 'statin', statens: 'statins', statns: 'statins', stattins: 'statins',
  cancre: 'cancer', canser: 'cancer', tumer: 'tumour', tumers: 'tumours',
  sholder: 'shoulder', sholders: 'shoulders', shouler: 'shoulder',
  incontinance: 'incontinence', incontinant: 'incontinent',
  docter: 'doctor',
};

/**
 * Phrases that contain a symptom word but are not about a symptom. Their tokens are blanked out
 * before matching, so "I fell asleep" is not a fall and "a wee bit numb" is not about urine.
 * Keep this list short and obvious: every entry is a place where a real symptom could hide.
 */
export const HARMLESS_PHRASES: readonly string[] = [
  'call back', 'ring back', 'phone back', 'calling back', 'get back', 'back soon', 'rest of the',
  'rest of my', 'in shape', 'out of shape', 'into shape', 'food poisoning', 'hot and cold pack',
  'hot and cold packs', 'hot and cold therapy', 'hot or cold', 'range of motion', 'range of movement',
  'call me back', 'call you back', 'ring me back', 'ring you back', 'phone me back', 'get back to me',
  'get back to you', 'getting back to me', 'come back', 'coming back to', 'back to work', 'back in touch',
  'back at work', 'back in the gym', 'back to the gym', 'back to normal', 'back to running', 'go back',
  'went back to', 'back from holiday', 'bring me back', 'text me back', 'email me back', 'write back',
  'fall asleep', 'falls asleep', 'falling asleep', 'fell asleep', 'fall back asleep', 'fall pregnant',
  'fell pregnant', 'fell ill', 'fall ill', 'falling apart', 'fall through', 'fell through',
  'wee bit', 'wee while', 'wee one', 'wee ones', 'wee boy', 'wee girl', 'wee lad', 'wee lass',
  'slipped disc', 'slipped discs', 'slipped a disc', 'slipped disk', 'slipped a disk',
  'breast stroke', 'back stroke', 'swimming stroke', 'swimming strokes',
  'chest of drawers', 'chest freezer', 'hope chest', 'tool chest',
  'hot water bottle', 'hot water bottles', 'hot bath', 'warm bath', 'hot baths', 'warm baths', 'hot shower',
  'warm shower', 'heat pack', 'heat packs', 'hot pack', 'heat pad', 'heat pads', 'wheat bag', 'hot compress',
  'warm compress', 'hot tub', 'heat patch', 'heat patches', 'deep heat', 'ice pack', 'heat rub',
  'confused about', 'confused by', 'confused as to', 'confused with', 'confused whether', 'confused if',
  'confused which', 'confused what', 'confused how', 'confused over', 'confused regarding', 'confused why',
  'confusion about', 'confusion over', 'confusion with', 'confusion regarding', 'any confusion',
  'room temperature', 'normal temperature', 'temperature is normal', 'temperature was normal',
  'temperature normal', 'temperature check',
  'want to lose weight', 'trying to lose weight', 'need to lose weight', 'needs to lose weight',
  'hoping to lose weight', 'help me lose weight', 'help to lose weight', 'weight loss plan', 'weight loss programme', 'weight loss program',
  'toe nail', 'toe nails', 'toenail', 'toenails', 'finger nail', 'finger nails', 'nail polish', 'nails done',
  'nail varnish',
  // only the first words: 'the bottom of my back' must still read as back pain
  'balls of', 'ball of', 'bottom of', 'bottoms of',
  'steroid cream', 'steroid creams', 'steroid inhaler', 'steroid nasal spray', 'steroid spray',
  'hydrocortisone cream', 'steroid eye drops', 'steroid ointment',
  'cancer research', 'macmillan cancer', 'cancer charity',
  'lead to', 'leads to', 'leading to', 'led to', 'lead up', 'dog lead', 'lead singer', 'take the lead',
  'tetanus jab', 'tetanus injection', 'tetanus shot', 'tetanus booster', 'tetanus vaccine',
  'tetanus vaccination', 'tetanus up to date',
  'dead end', 'dead lift', 'deadlift', 'deadlifts', 'dead lifts', 'dead bug', 'dead bugs',
  'pass on', 'passed on', 'red light', 'red cross',
];

/**
 * Real English words that sit one typing slip away from a symptom word. Without this list
 * "getting myself an appointment" would read as "wetting myself" and "cancel" as "cancer".
 * The engine never treats these as misspellings.
 */
export const WORDS_THAT_ARE_NOT_TYPOS: readonly string[] = [
  'ladder', 'ladders', 'strike', 'strikes', 'striker', 'stroked', 'stroking', 'leaning', 'leaned', 'getting',
  'setting', 'betting', 'letting', 'netting', 'petting', 'peeling', 'weeding', 'tangle', 'tangles', 'tangled',
  'smelling', 'spelling', 'selling', 'smelled', 'spelled', 'sweets', 'swears', 'cancel', 'cancels',
  'cancelled', 'canceled', 'station', 'stations', 'walking', 'walked', 'backed', 'backing', 'cooking',
  'waiting', 'wanting', 'washing', 'waited', 'wanted', 'camping', 'clamping', 'cramming', 'trapping',
  'throws', 'branch', 'crutch', 'crutches', 'election', 'elections', 'spiral', 'creator', 'meditation',
  'slurped', 'gargled', 'version', 'versions', 'shallow', 'sceptic', 'skeptic', 'rectus', 'grasping',
  'dripping', 'wetter', 'weekly', 'weekend', 'weekends', 'number', 'numbers', 'fainter', 'paint', 'painting',
  'bladed', 'chested', 'starting', 'started', 'station', 'reading', 'leading', 'heading', 'shedding',
  'wedding', 'bedding', 'feeling', 'reeling', 'seeing', 'fleeing', 'worried', 'hurried', 'married', 'buried',
  'carried', 'sweeping', 'sleeping', 'creeping', 'keeping', 'weeping', 'peeking', 'seeking',
  'staying', 'playing', 'praying', 'spraying', 'clotted', 'plotted', 'slotted', 'dotted', 'stools',
  'smoking', 'choking', 'stoking', 'stroller', 'strolling', 'trolley', 'flowing', 'glowing', 'slowing',
  'knowing', 'showing', 'blowing', 'growing', 'throwing', 'tripod', 'stripped', 'dipped', 'tipped',
  'dropped', 'leaking', 'lacking', 'locking', 'licking', 'looking', 'lucking', 'socking', 'sucking',
  'working', 'worrying', 'hurting', 'hunting', 'hitting', 'sitting', 'fitting', 'knitting', 'lifting',
  'sifting', 'gifting', 'drifting', 'shifting', 'rafting',
  // found by screening a British English word list against the tables (see red-flags.spec.ts)
  'chance', 'chances', 'charge', 'charged', 'charges', 'failing', 'filling', 'felling', 'infection',
  'infections', 'infectious', 'acting', 'arching', 'leaving', 'leaping', 'leaped', 'leafing', 'leased',
  'leasing', 'looked', 'lacked', 'licked', 'locker', 'peeping', 'peering', 'popped', 'popping', 'pouring',
  'posing', 'pooled', 'pooling', 'poring', 'polling', 'skipped', 'shipped', 'slapped', 'shouting', 'static',
  'stating', 'strobe', 'strode', 'strove', 'swearing', 'swimming', 'tangling', 'washed', 'scream', 'screams',
  'smiled', 'smiling', 'sailing', 'sailed', 'spoiled', 'spoiling', 'smells', 'cooked', 'curled', 'curling',
  'curing', 'carved', 'carving', 'crouch', 'crushed', 'cashed', 'clashed', 'deafness', 'gaping', 'gassing',
  'graded', 'tickle', 'tickled', 'tickles', 'twinkle', 'wiring', 'wining', 'whining', 'winced', 'winged',
  'winked', 'wended', 'contusion', 'contusions', 'contused', 'delicious', 'chilly', 'chilli', 'cheers',
  'checks', 'cheeky', 'clamps', 'champs', 'burying', 'blocking', 'attach', 'attached', 'attaching',
  'anaesthetic', 'anesthetic', 'canker', 'canter', 'confuse', 'confuses', 'confusing', 'discovered',
  'muddle', 'muddles', 'muddied', 'remaining', 'shower', 'showers', 'soldier', 'soldiers', 'sprinter',
  'sprinters', 'splinted', 'spurred', 'spurring', 'streak', 'stooped', 'shopped', 'switches', 'parting',
  'planting', 'patting',
];

/**
 * "can not", "do not", "have not" written as two words are read as "cannot", "dont", "havent", so
 * each table needs only one spelling and a denial is one cue, not two.
 */
export const NOT_CONTRACTIONS: Readonly<Record<string, string>> = {
  can: 'cannot', could: 'couldnt', do: 'dont', does: 'doesnt', did: 'didnt', have: 'havent', has: 'hasnt',
  had: 'hadnt', is: 'isnt', are: 'arent', was: 'wasnt', were: 'werent', will: 'wont', would: 'wouldnt',
  should: 'shouldnt',
};

/** Words and phrases that deny what follows: "no numbness", "haven't had any chest pain". */
export const NEGATION_CUES: readonly string[] = [
  'no', 'not', 'never', 'without', 'nor', 'neither', 'deny', 'denies', 'denied', 'denying', 'dont', 'doesnt',
  'didnt', 'havent', 'hasnt', 'hadnt', 'isnt', 'arent', 'wasnt', 'werent', 'aint', 'none', 'nothing',
  'nil', 'nope', 'zero', 'free of', 'free from', 'clear of', 'negative for', 'absence of', 'no longer',
  'do not', 'does not', 'did not', 'have not', 'has not', 'had not', 'is not', 'are not', 'was not',
  'were not', 'no more',
];

/**
 * Cue-shaped phrases that deny nothing ("not sure", "nothing helps", "no better"): a cue that starts
 * one of these is ignored. "Never had pain like this" is handled separately by
 * NEGATION_CANCELLED_BY, because the words that flip it come after the symptom.
 */
export const PSEUDO_NEGATIONS: readonly string[] = [
  'not sure', 'not certain', 'not too sure', 'not 100', 'no idea', 'not only', 'not just', 'no doubt',
  'no matter', 'not long', 'not able', 'not been able', 'no longer able', 'not getting better',
  'not improving', 'not improved', 'no better', 'not better', 'no improvement', 'no relief', 'not helping',
  'not helped', 'nothing helps', 'nothing has helped', 'nothing seems to', 'nothing works', 'nothing is working',
  'doesnt help', 'dont help', 'didnt help', 'doesnt seem to', 'doesnt ease', 'not easing', 'not eased',
  'doesnt go', 'dont go', 'not going away', 'doesnt stop', 'dont stop', 'not stopping', 'didnt stop',
  'dont know', 'didnt know', 'doesnt know', 'do not know', 'not know', 'not knowing', 'no change',
  'not slept', 'not sleeping', 'no sleep', 'havent slept', 'havent been sleeping', 'not normal',
  'no reason', 'no apparent reason', 'no obvious reason', 'no warning', 'not had time', 'no choice',
  'no option', 'not cope', 'not coping', 'cant cope', 'not right', 'isnt right', 'doesnt feel right',
  'not feel right', 'not themselves', 'not herself', 'not himself', 'not myself', 'not well',
  'no end', 'not easy', 'no easy', 'not once', 'no wonder', 'dont want', 'didnt want', 'dont think',
  'not let', 'doesnt let', 'wont let', 'not stop', 'no let up', 'no respite', 'not settle', 'doesnt settle',
  'no difference', 'not make any difference', 'doesnt make', 'not shift', 'doesnt shift', 'didnt shift',
  'not worked', 'didnt work', 'doesnt work', 'no good', 'not good', 'no way', 'nothing comes',
  'not passing', 'not passed', 'not emptying', 'doesnt empty', 'not fully',
];

/**
 * Words that, later in the same clause, show the cue was a comparison rather than a denial:
 * "never had pain like this before", "can't feel my feet anymore".
 */
export const NEGATION_CANCELLED_BY: readonly string[] = [
  // not "like that": "no cancer or anything like that" is a denial
  'like this', 'this bad', 'so bad', 'as bad', 'before', 'until', 'till',
  'anymore', 'any more', 'any longer', 'properly', 'at all now',
];

/** A negation's reach ends at these words: "no fever but I can't pee". */
export const NEGATION_STOPPERS: readonly string[] = [
  'but', 'however', 'although', 'though', 'except', 'apart', 'yet', 'whereas', 'while', 'whilst', 'still',
  'because', 'since', 'so', 'when', 'whenever', 'which', 'who', 'until', 'after', 'now', 'then', 'also',
  'cant', 'cannot', 'couldnt', 'unable', 'lost', 'losing', 'struggling', 'struggle', 'plus', 'instead',
  'suddenly', 'recently', 'today', 'yesterday', 'tonight', 'lately', 'nowadays', 'unfortunately',
  'otherwise', 'anyway', 'sadly', 'worryingly', 'however', 'actually', 'although', 'except',
];

/** After "and" or a comma these words open a new clause, ending an earlier negation. */
export const CLAUSE_OPENERS: readonly string[] = [
  'i', 'im', 'ive', 'id', 'ill', 'my', 'me', 'he', 'she', 'they', 'we', 'his', 'her', 'their', 'it', 'its',
  'there', 'theres', 'this', 'that', 'these', 'now', 'also', 'then', 'suddenly', 'recently', 'yesterday',
  'today', 'lately', 'still', 'just', 'cant', 'cannot', 'couldnt', 'unable', 'getting', 'got', 'have', 'has',
  'had', 'am', 'is', 'are', 'was', 'were', 'feel', 'feels', 'felt', 'get', 'gets', 'keep', 'keeps', 'been',
  'having', 'sometimes', 'often', 'occasionally', 'every', 'last', 'since', 'after', 'when', 'whenever',
  'mum', 'dad', 'husband', 'wife', 'son', 'daughter', 'partner', 'both', 'the', 'a', 'an', 'one', 'left',
  'right',
];

/** Written after a symptom on a form ("Chest pain: no", "numbness - none"), these deny it. */
export const TRAILING_NEGATIONS: readonly string[] = [
  'no', 'none', 'nil', 'nope', 'denied', 'denies', 'negative', 'absent', 'not present', 'na',
];

/** Number words patients use for durations ("fifteen minutes", "half an hour" is a concept). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, ninety: 90,
  couple: 2, few: 3, several: 4,
};
