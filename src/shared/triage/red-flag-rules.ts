/**
 * What the front desk must not leave in a routine queue (DOMAIN.md section 2), as data.
 *
 * How to read a pattern
 * ---------------------
 * A pattern is a list of terms that must all appear, in any order, inside one sentence and within
 * `within` words of each other (default 8 for two terms, 10 for more). A term is a list of
 * alternatives separated by '|'; each alternative is either
 *   '@concept'            one of the synonym sets in CONCEPTS below, or
 *   'word' / 'a phrase'   a word, or words that must follow one another.
 * Inside a phrase, '=legs' means exactly that word (no plural folding, no typo tolerance) and
 * '#>=10' means a number of at least 10, in digits or words ("15", "fifteen", "10-15").
 *
 * The engine (red-flags.ts) already copes with case, punctuation, plurals ("legs" = "leg"),
 * British/US spelling, text-speak and small typos ("numbess", "bladdar"), and it drops a match
 * when the patient denies it ("no numbness", "haven't had any chest pain"). So the tables only
 * need the words people use, not every way of typing them.
 *
 * `needs` lists patterns of which at least one must appear anywhere in the message (not denied),
 * e.g. a stiff neck is an emergency only with a fever. `unlessNear` names words that, within
 * `unlessWithin` words of the match in the same sentence (and not themselves denied), show it is
 * history or someone else ("a stroke 5 years ago", "my gran had cancer"). Use it sparingly and
 * only on rules whose patterns cannot describe a new event, because it can hide a real one.
 *
 * Tuning rule: a missed emergency is the worst failure. When in doubt a phrase goes in; a needless
 * alert costs a receptionist a moment.
 */

export type RedFlagLevel = 'emergency' | 'urgent' | 'gp';

export interface RedFlagPatternSpec {
  readonly all: readonly string[];
  /** Largest distance, in words from the first matched word to the last, still counted as one phrase. */
  readonly within?: number;
  /** The terms must appear in the order given ("wet" before "myself"). */
  readonly ordered?: boolean;
}

export type RedFlagPattern = readonly string[] | RedFlagPatternSpec;

export interface RedFlagRule {
  /** Stable id, used for reporting and acknowledgement; several rules may share one. */
  readonly category: string;
  /** Short staff-facing name. */
  readonly label: string;
  readonly level: RedFlagLevel;
  /** What the receptionist does. */
  readonly action: string;
  /** What the receptionist can say, in plain words. */
  readonly script: string;
  readonly match: readonly RedFlagPattern[];
  readonly needs?: readonly RedFlagPattern[];
  readonly unlessNear?: readonly string[];
  /** Words either side of the match searched for `unlessNear`; default 6. */
  readonly unlessWithin?: number;
}

/** Synonym sets. An entry starting with '@' pulls in another set. */
export const CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  // ----- where on the body ------------------------------------------------------------------
  'back-word': ['back', 'spine', 'spinal', 'lumbar', 'lower back', 'low back', 'upper back', 'mid back',
    'vertebra', 'vertebrae', 'coccyx', 'tail bone', 'sacrum', 'lumbago', 'backache'],
  'neck': ['neck', 'cervical', 'whiplash', 'nape'],
  'spine-context': ['my back', 'his back', 'her back', 'their back', 'your back', 'the back pain',
    'lower back', 'low back', 'upper back', 'mid back', 'middle back', 'middle of my back', 'bad back',
    'back pain', 'back ache', 'backache', 'back problem', 'back injury', 'back spasm', 'back muscles',
    'back is', 'back has', 'back went', 'back gone', 'back gave', 'back hurts', 'back hurting', 'back and',
    'stiff back', 'sore back', 'spine', 'spinal', 'lumbar', 'sciatica', 'sciatic', 'slipped disc', 'disc',
    'disk', 'vertebra', 'vertebrae', 'coccyx', 'tail bone', 'sacrum', 'sacroiliac', 'si joint', 'facet',
    'lumbago', 'thoracic', 'shoulder blade', 'put my back out', '@neck'],
  'leg': ['leg', 'thigh', 'calf', 'calves', 'shin', 'hamstring', 'lower limb', 'limb'],
  'foot': ['foot', 'feet', 'toe', 'ankle', 'heel', 'sole', 'instep'],
  'leg-or-foot': ['@leg', '@foot', 'knee'],
  'arm': ['arm', 'hand', 'finger', 'thumb', 'forearm', 'wrist', 'upper limb', 'elbow', 'palm'],
  'both': ['both', 'two', '=2', 'each', 'either', 'left and right', 'right and left', 'bilateral',
    'bilaterally', 'both sides', 'all the way down both'],
  'saddle': ['groin', 'genitals', 'genital', 'genitalia', 'private parts', 'private area', 'privates',
    'down below', 'down there', 'crotch', 'perineum', 'perineal', 'perianal', 'my bits', 'lady bits',
    'lady parts', 'man bits', 'nether regions', 'nether region', 'vagina', 'vaginal', 'vulva', 'labia',
    'penis', 'willy', 'testicles', 'testicle', 'scrotum', 'anus', 'anal', 'back passage', 'rectum',
    'bum', 'buttock', 'butt', 'butt cheeks', 'bottom', 'arse', 'ass', 'inner thigh', 'inner thighs',
    'inside of my thighs', 'inside of my legs', 'inside my thighs', 'between my legs', 'saddle',
    'saddle area', 'saddle region', 'fanny', 'front bottom', 'undercarriage', 'sit bones', 'sitting bones',
    'sex organs', 'bum cheek', 'butt cheeks', 'bottom cheeks', 'buttock cheeks'],
  'face': ['face', 'facial', 'mouth', 'smile', 'eyelid', 'lip', 'side of my face', 'side of her face',
    'side of his face', 'cheek'],
  'chest': ['chest', 'breast bone', 'breastbone', 'sternum', 'heart'],

  // ----- what it feels like -----------------------------------------------------------------
  'pain': ['pain', 'painful', 'ache', 'aching', 'achy', 'hurt', 'hurts', 'hurting', 'sore', 'soreness',
    'agony', 'agonising', 'killing', 'throbbing', 'stabbing', 'shooting', 'twinge', 'discomfort',
    'tender', 'excruciating', 'unbearable', 'playing up', 'giving me grief', 'in bits'],
  'tingle': ['tingle', 'tingling', 'tingly', 'pins and needles', 'pins n needles', 'pins needles',
    'prickling', 'prickly', 'buzzing', 'fizzing', 'funny feeling', 'weird feeling', 'strange feeling',
    'odd feeling', 'feels funny', 'feels weird', 'feels strange', 'feels odd', 'feels different',
    'feel different', 'different feeling', 'altered feeling', 'changed feeling', 'change in feeling',
    'change in sensation', 'altered sensation'],
  'numb': ['numb', 'numbness', 'numbed', 'numbing', 'numbish', 'no feeling', 'not any feeling',
    'lost feeling', 'lost all feeling', 'loss of feeling', 'lack of feeling', 'reduced feeling',
    'less feeling', 'no sensation', 'lost sensation', 'loss of sensation', 'reduced sensation',
    'cant feel', 'cannot feel', 'can not feel', 'couldnt feel', 'unable to feel', 'not able to feel',
    'no longer feel', 'dont feel anything', 'cant feel anything', 'dont feel a thing', 'cant feel a thing',
    'dont have any feeling', 'havent got any feeling', 'dont have feeling', 'not much feeling',
    'dead', 'deadness', 'gone dead', 'anaesthesia', '@tingle'],
  'weak': ['weak', 'weakness', 'weaker', 'weakening', 'gone weak', 'going weak', 'giving way', 'give way',
    'gives way', 'gave way', 'giving out', 'gave out', 'give out', 'buckle', 'buckling', 'buckled',
    'like jelly', 'jelly', 'wobbly', 'no strength', 'lost strength', 'lost all strength', 'losing strength',
    'no power', 'lost power', 'loss of power', 'paralysed', 'paralysis', 'floppy', 'foot drop',
    'dropped foot', 'drop foot', 'collapsing under me', 'wont hold me', 'wont take my weight'],
  'numb-or-weak': ['@numb', '@weak'],
  'sciatica': ['sciatica', 'sciatic', 'nerve pain', 'shooting pain', 'shooting pains', 'trapped nerve',
    'radiating'],
  'stiff': ['stiff', 'stiffness', 'stiffened', 'rigid', 'cant move', 'cant turn', 'cannot turn',
    'cant bend', 'locked', 'seized'],
  'swollen': ['swollen', 'swelling', 'swelled', 'swells', 'swelled up', 'puffy', 'puffed up', 'enlarged',
    'blown up', 'double the size', 'twice the size', 'bigger than the other', 'oedema'],
  'dvt-sign': ['@swollen', 'warm', 'hot', 'warm to touch', 'hot to touch', 'red', 'redness', 'reddish',
    'darker', 'darkened', 'dark', 'discoloured', 'discolouration', 'purple', 'bluish', 'blue', 'hard veins',
    'veins', 'throbbing', 'throbs', 'inflamed', 'shiny'],
  'cramp': ['cramp', 'cramping', 'cramped', 'crampy', 'spasm', 'spasming', 'charley horse',
    'charlie horse', 'seized up', 'seizes up', 'locks up', 'locked up', 'twitching', 'twitch'],
  'sudden': ['sudden', 'suddenly', 'all of a sudden', 'out of nowhere', 'out of the blue',
    'came on quickly', 'without warning', 'came on fast'],
  'one-side-body': ['one side', 'left side', 'right side', 'side of my body', 'side of her body',
    'side of his body', 'half my body', 'half of my body', '@arm', '@face'],

  // ----- bladder, bowel and sexual function ---------------------------------------------------
  'cannot': ['cant', 'cannot', 'can not', 'couldnt', 'could not', 'unable', 'not able', 'no longer able',
    'havent been able', 'hasnt been able', 'not been able', 'no longer', 'struggle', 'struggling',
    'struggled', 'difficulty', 'difficult', 'hard to', 'trouble', 'problem', 'issue', 'straining',
    'having to strain', 'takes ages to', 'wont'],
  'urinate': ['pee', 'peeing', 'peed', 'wee', 'weeing', 'wee wee', 'urine', 'urinate', 'urinating',
    'urination', 'pass urine', 'passing urine', 'pass water', 'passing water', 'make water', 'piss',
    'pissing', 'go to the toilet', 'go toilet', 'use the toilet', 'go to the loo', 'use the loo',
    'need the toilet', 'need the loo', 'go to the bathroom', 'use the bathroom', 'tinkle', 'number one',
    'micturition', 'urinary', 'stream', 'waterworks', 'water works'],
  'bladder': ['bladder', 'urinary', 'waterworks', 'water works', 'urine'],
  'bladder-or-urine': ['@urinate', '@bladder'],
  'unaware': ['dont know', 'do not know', 'cant tell', 'cannot tell', 'not sure', 'dont feel',
    'do not feel', 'cant feel', 'cannot feel', 'no urge', 'no sensation', 'no feeling', 'not feel',
    'not aware', 'unaware', 'dont notice', 'didnt notice', 'dont realise', 'didnt realise', 'without knowing',
    'not knowing', 'doesnt feel', 'never know'],
  'need-to-go': ['need to go', 'need to pee', 'need to wee', 'need a wee', 'need a pee', 'need the toilet',
    'need the loo', 'bladder is full', 'bladder full', 'full bladder', 'when im full', 'urge', 'when i need to',
    'if i need to', 'when to go', 'when im going', 'if im going', 'im peeing', 'im weeing', 'i am peeing',
    'when i pee', 'when i wee', 'if i pee', 'if i wee', 'im wet', 'ive gone', 'i have gone'],
  'retention-sign': ['nothing comes', 'nothing come', 'nothing happens', 'wont come', 'doesnt come',
    'wont start', 'hard to start', 'slow to start', 'slow stream', 'weak stream', 'trickle', 'dribble',
    'dribbling', 'not emptying', 'doesnt empty', 'wont empty', 'cant empty', 'cannot empty', 'not fully',
    'not passed', 'not passing', 'not been', 'havent been', 'hasnt been', 'stopped', 'blocked', 'retention',
    'retaining', 'full but'],
  'leak': ['leak', 'leaking', 'leaked', 'leakage', 'dribble', 'dribbling', 'incontinent', 'incontinence',
    'accidents', 'little accident', 'had an accident', 'wetting', 'wet'],
  'wet-self': ['wet myself', 'wetting myself', 'wet herself', 'wetting herself', 'wet himself', 'wet the bed',
    'wetting the bed', 'peed myself', 'pee myself', 'peeing myself', 'weed myself', 'wee myself',
    'weeing myself', 'pissed myself', 'piss myself', 'wet my pants', 'wet my knickers', 'wet my trousers',
    'wet my underwear', 'wet pants', 'peed herself', 'peed himself', 'pissed herself', 'pissed himself'],
  'lost-control': ['lost control', 'losing control', 'loss of control', 'lose control', 'no control',
    'not in control', 'cant control', 'cannot control', 'unable to control', 'couldnt control',
    'cant hold', 'cannot hold', 'couldnt hold', 'cant hold it', 'gave way', 'let go', 'accident',
    'accidents', 'not holding', 'wont hold'],
  'bowel': ['bowel', 'poo', 'pooing', 'pooed', 'poop', 'pooping', 'pooped', 'stool', 'faeces', 'faecal',
    'number two', 'bowel movement', 'bowel motion', 'back passage', 'open my bowels', 'go for a poo',
    'soiled', 'soiling', 'poos'],
  'soiled-self': ['soiled myself', 'soiling myself', 'messed myself', 'pooed myself', 'pooped myself',
    'shat myself', 'shit myself', 'mess myself', 'poo myself', 'soiled herself', 'soiled himself',
    'pooed herself', 'pooed himself', 'soiled the bed', 'messed the bed'],
  'erection': ['erection', 'erectile', 'impotence', 'impotent', 'get it up', 'keep it up', 'hard on',
    'get hard', 'stay hard', 'sexual function', 'sexual', 'sex', 'perform', 'in the bedroom',
    'down there isnt working', 'willy isnt working'],
  'problem': ['problem', 'issue', 'trouble', 'difficulty', 'difficulties', 'dysfunction', 'not working',
    'isnt working', 'cant', 'cannot', 'unable', 'lost', 'losing', 'loss', 'wont', 'no longer', 'gone',
    'stopped', 'struggling', 'struggle', 'changes', 'change', 'different'],
  'wipe': ['wipe', 'wiping', 'wiped', 'toilet paper', 'toilet roll', 'toilet tissue', 'loo roll',
    'loo paper', 'bog roll', 'bog paper'],

  // ----- accidents, wounds, the chest and the brain -----------------------------------------
  'trauma': ['car accident', 'car crash', 'crash', 'crashed', 'collision', 'rta', 'road traffic accident',
    'road accident', 'hit by a car', 'hit by a van', 'hit by a lorry', 'hit by a bus', 'knocked down',
    'knocked off', 'knocked over', 'rear ended', 'shunted', 'motorbike accident', 'bike accident',
    'cycling accident', 'fell', 'fall', 'falling', 'fallen', 'tripped', 'slipped on', 'slipped and',
    'slipped over', 'slipped down', 'slipped off', 'thrown off', 'thrown from', 'landed on',
    'landed heavily', 'landed awkwardly', 'accident', 'serious accident', 'down the stairs', 'down stairs',
    'off a ladder', 'off the ladder', 'off a roof', 'off the roof', 'off my horse', 'off a horse',
    'off my bike', 'on the ice', 'tackled', 'assaulted', 'attacked', 'beaten up', 'skiing accident',
    'trampoline', 'from a height', 'went flying', 'took a tumble', 'tumble', 'went over on', 'came off my',
    'came off a', 'came off the'],
  'wound': ['cut myself', 'cut my', 'a cut', 'deep cut', 'nasty cut', 'bad cut', 'cut on my', 'cut it on',
    'wound', 'puncture', 'stood on a nail', 'trod on a nail', 'stepped on a nail', 'rusty nail', 'rusty',
    'nail went', 'nail through', 'dog bite', 'bitten', 'animal bite', 'cat bite', 'bite', 'scratched by',
    'graze', 'grazed', 'splinter', 'gash', 'thorn', 'barbed wire', 'stab wound', 'glass in', 'garden fork',
    'rose bush', 'stepped on glass', 'stepped on something sharp', 'stitches'],
  'breathless': ['breathless', 'breathlessness', 'short of breath', 'shortness of breath', 'cant breathe',
    'cannot breathe', 'can not breathe', 'cant breath', 'cant catch my breath', 'cant get my breath',
    'cant get my breathe', 'struggling to breathe', 'struggle to breathe', 'struggling to breath',
    'difficulty breathing', 'difficult to breathe', 'hard to breathe', 'trouble breathing',
    'breathing difficulties', 'breathing problems', 'gasping', 'fighting for breath', 'winded',
    'not getting enough air', 'cant get enough air', 'breathing is bad', 'laboured breathing'],
  'breathless-any': ['@breathless', 'out of breath', 'puffed out', 'puffing', 'panting', 'catch my breath',
    'get my breath', 'breathing fast', 'breathing heavily', 'breathing hard', 'breathing is bad',
    'breathing is hard', 'breathing is difficult', 'breathing is laboured', 'hard to breath'],
  'cough-blood': ['coughing blood', 'coughing up blood', 'cough up blood', 'coughed up blood',
    'coughed blood', 'blood when i cough', 'blood in my phlegm', 'blood in phlegm', 'bloody phlegm',
    'blood in my sputum', 'spitting blood', 'spitting up blood', 'haemoptysis', 'blood in my spit',
    'coughing up red', 'cough up red'],
  'collapse': ['collapse', 'collapsed', 'collapsing', 'passed out', 'passing out', 'pass out', 'blacked out',
    'blacking out', 'black out', 'unconscious', 'lost consciousness', 'loss of consciousness', 'knocked out',
    'unresponsive', 'keeled over', 'found on the floor', 'hit the floor', 'came round on the floor'],
  'stroke-word': ['stroke', 'mini stroke', 'tia', 'transient ischaemic attack', 'cva', 'brain attack'],
  'droop': ['droop', 'drooping', 'droopy', 'drooped', 'dropped', 'dropped down', 'sagging', 'saggy',
    'sagged', 'fallen', 'lopsided', 'one sided', 'wonky', 'crooked', 'pulled to one side',
    'gone to one side', 'drooling', 'slipped', 'slack'],
  'slurred': ['slur', 'slurred', 'slurring', 'slurry', 'speech is slurred', 'garbled', 'jumbled',
    'mixing up words', 'mixing my words', 'words mixed up', 'words come out wrong', 'words coming out wrong',
    'words wrong', 'cant get my words out', 'cant get words out', 'cant speak', 'cannot speak', 'cant talk',
    'unable to speak', 'talking gibberish', 'gibberish', 'cant find words', 'cant find the words',
    'cant find my words', 'speech gone', 'speech has gone', 'lost my speech', 'speech went', 'talking funny',
    'talking strange', 'talking strangely', 'sounds drunk'],
  'fever': ['fever', 'fevers', 'feverish', 'fevery', 'temperature', 'temperatures', 'high temp',
    'a temp', 'running a temp', 'got a temp', 'hot and cold', 'hot and shivery', 'shivery', 'shivering',
    'shivers', 'chills', 'rigors', 'night sweats', 'sweating at night', 'drenching sweats', 'pyrexia',
    'burning up', 'flu like', 'flu symptoms', 'hot and sweaty', 'sweats', 'temp of #>=38', 'temp is #>=38',
    'temp was #>=38', 'temp #>=38', 'temperature of #>=38', 'temperature is #>=38', '#>=38 degrees', 'pyrexial',
    'febrile'],
  'confusion': ['confused', 'confusion', 'disorientated', 'disoriented', 'delirious', 'delirium',
    'not making sense', 'talking nonsense', 'doesnt know where', 'not with it', 'muddled', 'drowsy',
    'hard to wake', 'cant wake', 'very sleepy'],
  'rash': ['rash', 'rashes', 'spots', 'blotches', 'blotchy', 'marks', 'mottled', 'pinprick', 'pin prick'],
  'non-blanching': ['glass', 'tumbler', 'doesnt fade', 'does not fade', 'wont fade', 'not fade', 'not fading',
    'dont fade', 'doesnt go', 'doesnt disappear', 'dont disappear', 'non blanching', 'nonblanching',
    'doesnt blanch', 'purple', 'dark red', 'bruise like', 'like bruises', 'pinprick', 'pin prick', 'tiny red'],

  // ----- urgent back-pain features ----------------------------------------------------------
  'weight-loss': ['weight loss', 'lost weight', 'losing weight', 'lost about a stone', 'lost nearly a stone',
    'lost over a stone', 'lost almost a stone', 'lost half a stone', 'lost about #>=1 stone', 'lost about #>=1 kg',
    'lost over #>=1 kg', 'lost nearly #>=1 kg', 'lost about #>=1 pounds', 'lost over #>=1 stone', 'lost a lot of weight', 'lost a stone',
    'lost stone', 'lost #>=1 stone', 'lost #>=1 kg', 'lost #>=1 kilos', 'lost #>=1 pounds', 'lost #>=1 lbs',
    'dropped weight', 'weight has dropped', 'weight dropped', 'weight is dropping', 'weight dropping',
    'weight falling off', 'weight is falling off', 'clothes are loose', 'clothes hanging off',
    'lose weight without', 'lost loads of weight', 'gone thin', 'getting thinner', 'lost a lot of weight'],
  'intentional': ['diet', 'dieting', 'slimming', 'slimming world', 'weight watchers', 'gym', 'on purpose',
    'intentionally', 'trying to', 'calorie', 'calories', 'meal plan', 'fasting', 'ozempic', 'mounjaro',
    'wegovy', 'gastric', 'running more', 'eating better', 'eating healthier', 'healthy eating', 'keto',
    'wedding', 'on a diet'],
  'lump': ['lump', 'bump', 'swelling', 'mass', 'growth', 'new lump', 'cyst'],
  'back-shape': ['shape', 'deformed', 'deformity', 'curved', 'curving', 'crooked', 'sticking out', 'hump',
    'bulging out', 'poking out', 'changed shape', 'looks different'],
  'night': ['night', 'nighttime', 'night time', 'at night', 'in bed', 'lying in bed', 'overnight',
    'middle of the night', 'wakes me', 'wake me', 'waking me', 'woken', 'wakes me up', 'keeps me awake',
    'keeping me awake', 'kept me awake', 'cant sleep', 'cannot sleep', 'unable to sleep', 'no sleep',
    'not sleeping', 'sleepless', 'cant get to sleep', 'cant lie down', 'cannot lie down', 'awake all night',
    'up all night'],
  'rest': ['rest', 'resting', 'lying down', 'lie down', 'lying still', 'sitting still', 'keep still',
    'keeping still', 'lying flat', 'any position', 'every position', 'no position', 'comfortable position',
    'position'],
  'not-eased': ['doesnt help', 'does not help', 'dont help', 'not helping', 'no help', 'makes no difference',
    'no difference', 'nothing helps', 'doesnt ease', 'does not ease', 'not eased', 'not easing', 'wont ease',
    'doesnt get better', 'no relief', 'still hurts', 'still there', 'even when', 'even at', 'even lying',
    'even resting', 'doesnt go away', 'wont go away', 'doesnt stop', 'cant get comfortable',
    'cannot get comfortable', 'never eases', 'never goes', 'no let up'],
  'constant': ['constant', 'constantly', 'day and night', 'all the time', '24 7', 'never goes away',
    'never stops', 'unrelenting', 'relentless', 'non stop', 'nonstop', 'nonstop pain', 'round the clock',
    'every minute'],
  'between-shoulder-blades': ['between my shoulder blades', 'between the shoulder blades',
    'between shoulder blades', 'between my shoulders', 'between the shoulders', 'between my shoulder blade',
    'between shoulder blade', 'between the scapula', 'between my scapula', 'between scapulae',
    'in between my shoulder blades', 'between the shoulder'],
  'cancer': ['cancer', 'tumour', 'carcinoma', 'malignancy', 'malignant', 'metastases', 'metastatic',
    'secondary cancer', 'secondaries', 'chemo', 'chemotherapy', 'radiotherapy', 'radiation therapy',
    'leukaemia', 'lymphoma', 'myeloma', 'melanoma', 'sarcoma', 'oncology', 'oncologist', 'mastectomy',
    'the big c', 'hodgkins'],
  'family-history': ['family history', 'runs in', 'in the family', 'grandmother', 'grandfather', 'grandma',
    'grandad', 'granny', 'grandpa', 'nan', 'aunt', 'auntie', 'uncle', 'cousin', 'friend', 'neighbour',
    'colleague', 'died of', 'died from', 'passed away'],
  'immune': ['weakened immune system', 'weak immune system', 'low immune system', 'poor immune system',
    'compromised immune system', 'immune system is weak', 'immune system is low', 'immunosuppressed',
    'immunosuppressant', 'immunosuppressants', 'immunosuppression', 'immunocompromised', 'immune suppressed',
    'immuno suppressed', 'immune compromised', 'immune suppressants', 'immune suppressant',
    'organ transplant', 'transplant', 'kidney transplant', 'liver transplant', 'hiv', 'methotrexate',
    'azathioprine', 'tacrolimus', 'ciclosporin', 'mycophenolate', 'biologic', 'biologics', 'adalimumab',
    'humira', 'infliximab', 'etanercept', 'rituximab', 'neutropenic', 'low white cells', 'low white blood'],
  'steroid': ['steroid', 'prednisolone', 'prednisone', 'dexamethasone', 'hydrocortisone',
    'methylprednisolone', 'cortisone', 'corticosteroid', 'steroid injection', 'cortisone injection',
    'steroid tablets', 'pred'],
  'osteoporosis': ['osteoporosis', 'osteoporotic', 'osteopenia', 'brittle bones', 'thin bones',
    'thinning bones', 'weak bones', 'low bone density', 'bone density', 'fragile bones', 'alendronic',
    'alendronate', 'fosamax', 'risedronate', 'ibandronic', 'denosumab', 'prolia', 'fragility fracture'],
  'minor-injury': ['fell', 'fall', 'tripped', 'trip', 'slipped', 'bumped', 'knock', 'knocked', 'lifted',
    'lifting', 'twisted', 'bent', 'bending', 'sneezed', 'sneeze', 'coughed', 'coughing', 'reached', 'jolt',
    'jolted', 'jarred', 'went over', 'missed a step', 'injury', 'injured', 'hurt', 'strain', 'strained',
    'pulled', 'sat down heavily', 'pothole', 'bumpy'],

  // ----- legs, cramps and medicines -----------------------------------------------------------
  'single-leg-part': ['=calf', '=thigh', '=leg', 'one leg', 'one calf', 'one thigh', 'left leg', 'right leg',
    'left calf', 'right calf', 'left thigh', 'right thigh', 'back of my leg', 'back of my knee',
    'behind my knee', 'calf muscle'],
  'clot': ['dvt', 'deep vein thrombosis', 'blood clot', 'clot', 'thrombosis', 'clots', 'blood clots'],
  'lung-clot': ['pulmonary embolism', 'clot in my lung', 'clot on my lung', 'clot in the lung',
    'clots on my lungs', 'clots on the lungs', 'clot on the lung', 'clots in my lungs'],
  'long-duration': ['#>=10 minute', '#>=10 minutes', '#>=10 m', '#>=1 hour', '#>=1 hours', 'half an hour',
    'half hour', 'an hour', 'hours', 'hours on end', 'all night', 'wont stop', 'will not stop', 'doesnt stop',
    'does not stop', 'wont go away', 'doesnt go away', 'wont go', 'wont ease', 'doesnt ease',
    'wont release', 'doesnt release', 'wont let go', 'doesnt let go', 'wont relax', 'lasts ages',
    'lasting ages', 'lasted ages', 'goes on for ages', 'go on for ages', 'went on for ages', 'lasts forever',
    'lasts for ages', 'last for ages', 'lasting for ages', 'ages to go', 'ages to stop',
    'ages to ease', 'long time to go', 'long time to stop', 'long time to ease', 'stays locked', 'stays tight',
    'stuck like that'],
  'short-duration': ['less than #>=0', 'under #>=0', 'no more than #>=0', 'not more than #>=0', 'less than a',
    'under a', 'less than half'],
  'toxin': ['heavy metal', 'heavy metals', 'lead poisoning', 'lead paint', 'lead pipe', 'lead pipes',
    'lead dust', 'lead fumes', 'lead levels', 'lead level', 'lead based', 'lead exposure', 'lead flashing',
    'lead roofing', 'lead sheet', 'lead sheeting', 'lead shot', 'lead solder', 'lead batteries',
    'lead in my blood', 'lead in the water', 'exposed to lead', 'exposure to lead', 'contact with lead',
    'working with lead', 'work with lead', 'worked with lead', 'handling lead', 'handled lead', 'handle lead',
    'stripping lead', 'with lead', 'old lead', 'mercury', 'quicksilver', 'amalgam', 'broken thermometer',
    'thermometer broke', 'poisoning', 'toxic metal', 'toxic metals', 'solder', 'soldering'],
  'statin': ['statin', 'atorvastatin', 'simvastatin', 'rosuvastatin', 'pravastatin', 'fluvastatin',
    'pitavastatin', 'lipitor', 'crestor', 'zocor', 'cholesterol tablets', 'cholesterol tablet',
    'cholesterol pills', 'cholesterol medication', 'cholesterol meds', 'cholesterol medicine',
    'tablets for cholesterol', 'pills for cholesterol', 'something for cholesterol', 'for my cholesterol',
    'for cholesterol', 'cholesterol lowering', 'ezetimibe'],
  'muscle-symptom': ['@cramp', '@weak', 'muscle pain', 'muscle pains', 'muscles ache', 'muscles aching',
    'aching muscles', 'muscle ache', 'muscle aches', 'aches', 'aching', 'achy', 'sore muscles',
    'muscles are sore', 'muscles sore', 'tender muscles', 'myalgia', 'legs ache', 'legs aching', 'aches and pains',
    'muscle tenderness', 'painful muscles', 'muscles hurt', 'muscles are painful', 'muscle soreness', 'stiffness'],
  'jaundice': ['jaundice', 'jaundiced', 'yellow skin', 'skin is yellow', 'skin yellow', 'yellow eyes',
    'eyes are yellow', 'eyes yellow', 'whites of my eyes', 'yellowing', 'gone yellow', 'turned yellow',
    'look yellow', 'looking yellow', 'yellowish', 'yellow tinge'],
  'dark-urine': ['dark urine', 'dark pee', 'dark wee', 'brown urine', 'brown pee', 'brown wee',
    'tea coloured', 'cola coloured', 'coke coloured', 'colour of tea', 'colour of cola', 'dark brown urine',
    'urine is dark', 'pee is dark', 'wee is dark', 'urine dark', 'pee dark', 'wee dark', 'wee is brown',
    'pee is brown', 'urine is brown', 'urine has gone dark', 'wee has gone dark'],
  'medicine-named': ['diuretic', 'diuretics', 'furosemide', 'frusemide', 'bendroflumethiazide', 'bendrofluazide',
    'indapamide', 'bumetanide', 'spironolactone', 'water tablets', 'water tablet', 'water pills', 'water pill',
    'hydrochlorothiazide', 'nicotinic acid', 'niacin', 'raloxifene', 'evista', 'nifedipine', 'adalat',
    'salbutamol', 'ventolin', 'albuterol', 'blue inhaler', 'teriparatide', 'forsteo', 'forteo',
    'amlodipine', 'lithium', 'donepezil', 'pregabalin', 'zopiclone', 'blood pressure tablets',
    'blood pressure pills', 'blood pressure medication', 'blood pressure meds', 'bp tablets', 'bp meds', '@statin'],
  'medicine-general': ['medication', 'medicine', 'medicines', 'tablets', 'tablet', 'pills', 'pill', 'meds',
    'prescription', 'drug', 'drugs', 'injection', 'injections', 'inhaler', 'patch'],
  'medicine-causal': ['side effect', 'side effects', 'causing', 'cause', 'caused', 'since starting',
    'since i started', 'started taking', 'since taking', 'after starting', 'since going on', 'new',
    'changed my', 'dose', 'increased', 'blame', 'because of', 'reaction', 'related to', 'linked', 'might be',
    'could be', 'due to', 'from my'],

  // ----- neck (spinal cord and arteries) -------------------------------------------------------
  'clumsy-hands': ['clumsy', 'clumsiness', 'dropping things', 'drop things', 'keep dropping',
    'keeps dropping', 'dropping stuff', 'dropping my', 'fumbling', 'cant grip', 'cannot grip', 'lost my grip',
    'losing my grip', 'grip is weak', 'grip has gone', 'no grip', 'cant do up buttons', 'cant do buttons',
    'cant do up my buttons', 'struggle with buttons', 'struggling with buttons', 'cant write',
    'handwriting', 'butter fingers', 'cant hold a cup', 'cant hold a pen', 'fine movements'],
  'unsteady': ['unsteady', 'off balance', 'lost my balance', 'losing my balance', 'balance is off',
    'balance is bad', 'balance is poor', 'balance problems', 'poor balance', 'bad balance',
    'balance has gone', 'wobbly on my feet', 'unsteady on my feet', 'staggering', 'stumbling',
    'walking like im drunk', 'like im drunk', 'like i am drunk', 'keep tripping', 'keep falling',
    'falling over', 'walking into things', 'veering', 'legs feel clumsy', 'cant walk straight',
    'walking is off', 'gait'],
  'double-vision': ['double vision', 'seeing double', 'see double', 'vision is double', 'vision doubled',
    'two of everything', 'seeing two of', 'double sight', 'diplopia'],
  'dizzy': ['dizzy', 'dizziness', 'vertigo', 'light headed', 'light headedness', 'head spins',
    'head spinning', 'head is spinning', 'room spinning', 'room spins', 'world spinning', 'woozy', 'feel faint',
    'felt faint', 'feeling faint', 'fainting', 'fainted', 'faints', 'going to faint', 'might faint',
    'faint spells', 'fainting spells', 'nearly fainted', 'almost fainted', 'nearly passed out',
    'almost passed out', 'giddy', 'unsteady spells', 'spinning sensation', 'dizzy spells', 'funny turns',
    'funny turn'],
  'swallow': ['swallow', 'swallowing', 'swallowed', 'food sticking', 'food gets stuck', 'food getting stuck',
    'choking on', 'choke on', 'dysphagia', 'gulp'],
  'swallow-problem': ['@cannot', 'hard', 'difficulty', 'problem', 'trouble', 'struggling', 'changed',
    'different', 'stuck', 'choking', 'choke'],
  'speech': ['speech', 'my voice', 'her voice', 'his voice', 'voice has', 'voice is', 'my talking',
    'my words', 'speaking has', 'talking has'],
  'speech-change': ['changed', 'change', 'changes', 'different', 'strange', 'funny', 'odd', 'weird',
    'not right', 'slow', 'slower', 'thick', 'harder', 'difficult', 'trouble'],

  // ----- gp-level notes -----------------------------------------------------------------------
  'wasting': ['wasting', 'wasted away', 'wasting away', 'muscle wasting', 'muscles wasting', 'lost muscle',
    'losing muscle', 'muscle loss', 'atrophy', 'atrophied', 'shrinking', 'shrunk', 'shrunken',
    'thinner than the other', 'smaller than the other', 'getting thinner', 'gone thin', 'gone skinny',
    'skinnier than the other', 'wasted'],
};

/** Chest-pain words kept apart because two rules (chest pain, back pain with chest pain) share them. */
const CHEST_PAIN_WORDS = '@pain|tight|tightness|pressure|crushing|heavy|heaviness|squeezing|squeeze|band|' +
  'burning|weight on|elephant';

const EMERGENCY_ACTION = 'Advise 999 or A&E now. Do not book a routine visit. Tell the clinician on duty.';
const URGENT_ACTION = 'Advise a same-day GP appointment or NHS 111 today. Do not leave it in the routine queue.';
const GP_ACTION = 'Note it on the request and suggest they mention it to their GP. Book as usual.';

export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  // ============================ EMERGENCY: 999 or A&E now ============================
  {
    category: 'cauda-equina', label: 'Saddle numbness (cauda equina)', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'Numbness or tingling between your legs or around your bottom can mean pressure on the nerves ' +
      'at the base of your spine. This needs checking in hospital today. Please go to A&E now or call 999.',
    match: [
      ['@numb', '@saddle'],
      { all: ['cant|cannot|couldnt|dont|unable|no longer', 'feel|sense', '@saddle'], within: 8 },
      { all: ['@wipe', '@numb|feel|sensation|different|strange|weird|odd|nothing|cant|cannot|dont'], within: 8 },
      ['saddle anaesthesia|saddle numbness|saddle paraesthesia'],
    ],
  },
  {
    category: 'cauda-equina', label: 'Bladder change (cauda equina)', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'Trouble passing urine, leaking, or not feeling when your bladder is full can mean pressure on ' +
      'the nerves at the base of your spine. This needs checking in hospital today. Please go to A&E now ' +
      'or call 999.',
    match: [
      { all: ['@cannot', '@bladder-or-urine'], within: 6 },
      { all: ['@cannot', 'empty|emptying|emptied|finish|finished|start|get going', '@bladder-or-urine'], within: 8 },
      { all: ['@unaware', '@need-to-go|@bladder'], within: 8 },
      { all: ['no urge|lost the urge|lost urge|no sensation|no feeling|cant feel|cannot feel|dont feel|doesnt feel', '@urinate'], within: 6 },
      { all: ['@bladder-or-urine', '@retention-sign'], within: 8 },
      { all: ['@bladder-or-urine', '@leak'], within: 8 },
      { all: ['@lost-control', '@bladder-or-urine'], within: 8 },
      ['@wet-self'],
      ['keep leaking|been leaking|started leaking|leaking a bit|leaking a little|leaking when|leak when|leaks when|wear a pad|wearing a pad|wearing pads|incontinence pad|incontinence pads|tena lady|tena pads'],
      { all: ['cant|cannot|dont|unable|couldnt|no longer', 'feel|sense|notice', 'toilet|loo|bathroom|@urinate'], within: 10 },
      { all: ['wet|wetting|leaked|leaking|leak', 'myself|herself|himself|pants|knickers|underwear|trousers|bed'], within: 3, ordered: true },
      ['incontinent|incontinence|urinary retention|retention of urine'],
      ['weak bladder|bladder weakness|bladder problems|bladder problem|bladder issues|bladder issue|bladder trouble|waterworks problems|waterworks issues|bladder has gone|bladder went|bladder gave'],
    ],
  },
  {
    category: 'cauda-equina', label: 'Bowel control lost (cauda equina)', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'Losing control of your bowels can mean pressure on the nerves at the base of your spine. This ' +
      'needs checking in hospital today. Please go to A&E now or call 999.',
    match: [
      ['@soiled-self'],
      { all: ['@lost-control', '@bowel'], within: 8 },
      { all: ['@unaware', '@bowel'], within: 8 },
      { all: ['no urge|lost the urge|no sensation|no feeling|cant feel|cannot feel|dont feel|doesnt feel', '@bowel'], within: 6 },
      { all: ['@bowel', '@leak'], within: 6 },
      ['faecal incontinence|bowel incontinence|incontinent of faeces|bowel problems|bowel problem|bowel issues|bowel issue|bowel trouble|bowels have gone|bowels went|bowel gave'],
    ],
  },
  {
    category: 'cauda-equina', label: 'Both legs weak or numb (cauda equina)', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'Weakness, numbness or sciatica in both legs can mean pressure on the nerves at the base of ' +
      'your spine. This needs checking in hospital today. Please go to A&E now or call 999.',
    match: [
      { all: ['@both', '@leg|sides', '@numb-or-weak|@sciatica'], within: 8 },
      { all: ['@both', '@foot', '@weak'], within: 8 },
      { all: ['=legs|=thighs', '@numb-or-weak'], within: 8 },
      { all: ['@cannot', 'feel|move|lift|stand on|walk on', '=legs|=thighs'], within: 4, ordered: true },
      { all: ['sciatica|sciatic', '@both'], within: 8 },
      ['legs gone|legs have gone|legs went|legs keep going|legs giving way|legs gave way|legs buckling|legs buckled|legs collapsed|legs collapsing'],
    ],
  },
  {
    category: 'cauda-equina', label: 'New erection problems (cauda equina)', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'New problems getting an erection, with back pain, can mean pressure on the nerves at the base ' +
      'of your spine. This needs checking in hospital today. Please go to A&E now or call 999.',
    match: [
      { all: ['@erection', '@problem|@numb'], within: 8 },
      ['erectile dysfunction|impotence|impotent|cant get an erection|cannot get an erection|no erection|cant get hard|cant get it up|cant keep it up'],
    ],
  },
  {
    category: 'back-trauma', label: 'Back or neck pain after an accident or fall', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'Back or neck pain after a serious accident or fall needs checking in hospital before any ' +
      'treatment. Please go to A&E now, or call 999 if you cannot move safely.',
    match: [['@trauma']],
    needs: [['@spine-context'], { all: ['@back-word', '@pain'], within: 4 }],
    unlessNear: ['years ago|year ago|last year|long time ago|in the past|as a child|when i was|decades|months ago'],
    unlessWithin: 5,
  },
  {
    category: 'pulmonary-embolism', label: 'Leg pain or swelling with breathlessness, chest pain or coughing blood', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'A painful or swollen leg together with breathlessness, chest pain or coughing blood can mean a ' +
      'blood clot in the lung. Please call 999 now.',
    match: [
      ['@breathless-any'],
      { all: ['@chest', CHEST_PAIN_WORDS], within: 6 },
      ['@cough-blood'],
      { all: ['cough|coughing|coughed|phlegm|sputum|spit|spitting', 'blood'], within: 6 },
      ['@lung-clot'],
    ],
    needs: [
      { all: ['@leg', '@pain|@dvt-sign|@cramp'], within: 8 },
      ['@clot'],
    ],
  },
  {
    category: 'back-chest-pain', label: 'Back pain with chest pain', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'Back pain together with chest pain needs checking straight away. Please call 999 now.',
    match: [{ all: ['@chest', CHEST_PAIN_WORDS], within: 6 }],
    needs: [['@spine-context'], { all: ['@back-word', '@pain'], within: 4 }],
  },
  {
    category: 'chest-pain', label: 'Chest pain', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'Chest pain needs checking straight away. Please call 999 now.',
    match: [{ all: ['@chest', CHEST_PAIN_WORDS], within: 6 }],
  },
  {
    category: 'chest-pain', label: 'Possible heart attack', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'These can be signs of a heart attack. Please call 999 now.',
    match: [['heart attack|cardiac arrest|angina attack']],
    unlessNear: ['years ago|year ago|last year|died|history of|in the past|previous|decades'],
  },
  {
    category: 'breathlessness', label: 'Severe breathlessness', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'Bad breathlessness needs help straight away. Please call 999 now.',
    match: [
      ['@breathless'],
      { all: ['@cannot|struggling|fighting|gasping|short|shortness|lack|desperate', 'breath|breathe|breathing|air'], within: 3 },
    ],
  },
  {
    category: 'collapse', label: 'Collapse or blackout', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'After a collapse or blackout, please call 999 or go to A&E now.',
    match: [['@collapse']],
    unlessNear: ['disc|disk|discs|vertebra|vertebrae|arch|arches|fallen arches'],
  },
  {
    category: 'stroke', label: 'Possible stroke (face, arm, speech)', level: 'emergency',
    action: 'Advise 999 now. Do not book a visit. Note the time the signs started.',
    script: 'These can be signs of a stroke. Please call 999 now. Do not drive yourself. Note the time it started.',
    match: [
      { all: ['@face', '@droop'], within: 6 },
      ['@slurred'],
      { all: ['@sudden', '@numb-or-weak', '@one-side-body'], within: 10 },
      { all: ['@face', '@numb-or-weak', '@arm'], within: 10 },
    ],
  },
  {
    category: 'stroke', label: 'Possible stroke (mentioned)', level: 'emergency',
    action: 'Advise 999 now. Do not book a visit. Note the time the signs started.',
    script: 'If you think you or someone else is having a stroke, please call 999 now. Do not drive yourself.',
    match: [['@stroke-word']],
    unlessNear: ['years ago|year ago|last year|history of|previous|in the past|old stroke|decades|months ago|recovered'],
  },
  {
    category: 'meningitis-sepsis', label: 'Possible meningitis or sepsis', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'These can be signs of a serious infection. Please call 999 or go to A&E now.',
    match: [
      { all: ['@stiff', '@neck'], within: 5 },
      { all: ['@rash', '@non-blanching'], within: 10 },
      ['@confusion'],
      ['meningitis|sepsis|septic|septicaemia|blood poisoning|non blanching rash'],
    ],
    needs: [['@fever'], ['@rash'], ['@confusion'], ['meningitis|sepsis|septic|septicaemia|blood poisoning']],
  },
  {
    category: 'tetanus', label: 'Possible tetanus (stiffness or spasms after a wound)', level: 'emergency',
    action: EMERGENCY_ACTION,
    script: 'Stiff or spasming muscles after a cut or wound can be a sign of tetanus. Please go to A&E now ' +
      'or call 999.',
    match: [
      ['lock jaw|tetanus'],
      { all: ['jaw|mouth', '@stiff|@cramp|clenched|clenching|cant open|cannot open|wont open|locked|tight'], within: 6 },
      ['@cramp|@stiff|rigid'],
    ],
    needs: [['@wound'], ['lock jaw|tetanus']],
  },

  // ============================ URGENT: same-day GP or NHS 111 ============================
  {
    category: 'fever', label: 'Fever or high temperature (possible infection)', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Back pain with a fever or high temperature needs a doctor to check you today. Please contact ' +
      'your GP today or call NHS 111.',
    match: [['@fever']],
  },
  {
    category: 'weight-loss', label: 'Unexplained weight loss', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Losing weight without trying needs a doctor to check you. Please contact your GP today or call ' +
      'NHS 111.',
    match: [
      ['@weight-loss'],
      { all: ['lost|losing|dropped|dropping|shed|gone down', 'weight|stone|kg|kilos|kilo|pounds|lbs|st|dress size'], within: 4, ordered: true },
    ],
    unlessNear: ['@intentional'],
  },
  {
    category: 'back-lump', label: 'New lump or change in back shape', level: 'urgent',
    action: URGENT_ACTION,
    script: 'A new lump or a change in the shape of your back needs a doctor to check it. Please contact your ' +
      'GP today or call NHS 111.',
    match: [
      { all: ['@lump', '@back-word|@neck'], within: 8 },
      { all: ['@back-word', '@back-shape'], within: 6 },
    ],
  },
  {
    category: 'night-pain', label: 'Pain worse at night or not eased by rest', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Back pain that is worse at night or does not ease with rest needs a doctor to check you. Please ' +
      'contact your GP today or call NHS 111.',
    match: [
      { all: ['@pain|@back-word|@neck|@sciatica', '@night'], within: 8 },
      { all: ['@rest', '@not-eased'], within: 8 },
      { all: ['@pain|@back-word|@neck', '@constant'], within: 6 },
    ],
    needs: [['@spine-context'], { all: ['@back-word', '@pain'], within: 4 }],
  },
  {
    category: 'thoracic-pain', label: 'Pain between the shoulder blades', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Pain between the shoulder blades needs a doctor to check you first. Please contact your GP today ' +
      'or call NHS 111.',
    match: [['@between-shoulder-blades'], { all: ['thoracic', '@pain'], within: 4 }],
  },
  {
    category: 'cancer-history', label: 'History of cancer', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Because you have had cancer, new back pain needs a doctor to check you first. Please contact your ' +
      'GP or cancer team today, or call NHS 111.',
    match: [['@cancer']],
    unlessNear: ['@family-history'],
    unlessWithin: 4,
  },
  {
    category: 'immunosuppression', label: 'Weakened immune system', level: 'urgent',
    action: URGENT_ACTION,
    script: 'With a weakened immune system, new back pain needs a doctor to check you first. Please contact ' +
      'your GP today or call NHS 111.',
    match: [
      ['@immune'],
      { all: ['immune|immunity', 'weak|weakened|low|poor|compromised|suppressed|bad|lowered'], within: 4 },
    ],
  },
  {
    category: 'steroids', label: 'Steroid use', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Taking steroids can weaken bones and hide infection, so new back pain needs a doctor to check you ' +
      'first. Please contact your GP today or call NHS 111.',
    match: [['@steroid']],
  },
  {
    category: 'osteoporosis-injury', label: 'Osteoporosis with an injury or new back pain', level: 'urgent',
    action: URGENT_ACTION,
    script: 'With thin bones (osteoporosis), pain after even a small knock or strain needs a doctor to check ' +
      'for a break. Please contact your GP today or call NHS 111.',
    match: [['@osteoporosis']],
    needs: [['@minor-injury'], ['@spine-context'], ['@pain']],
  },
  {
    category: 'dvt', label: 'Possible DVT (one calf or thigh swollen, warm, red or dark)', level: 'urgent',
    action: URGENT_ACTION,
    script: 'A swollen, warm or discoloured calf or thigh can be a blood clot (DVT). Please contact your GP ' +
      'today or call NHS 111. If you get breathless or have chest pain, call 999.',
    match: [
      { all: ['@single-leg-part', '@dvt-sign'], within: 10 },
      { all: ['@leg', 'warm|hot|red|redness|darker|darkened|discoloured|purple|hard veins|throbbing'], within: 5 },
      ['@clot'],
    ],
  },
  {
    category: 'prolonged-cramp', label: 'Cramp lasting more than 10 minutes', level: 'urgent',
    action: URGENT_ACTION,
    script: 'A cramp that lasts more than 10 minutes needs a doctor to check you. Please contact your GP today ' +
      'or call NHS 111.',
    match: [{ all: ['@cramp', '@long-duration'], within: 12 }],
    unlessNear: ['@short-duration'],
  },
  {
    category: 'toxin-cramp', label: 'Cramps after contact with lead or mercury', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Cramps after contact with lead or mercury need a doctor to check you. Please contact your GP today ' +
      'or call NHS 111.',
    match: [['@toxin']],
    needs: [['@cramp'], ['@muscle-symptom']],
  },
  {
    category: 'statin', label: 'On a statin with muscle symptoms, yellow skin or dark urine', level: 'urgent',
    action: 'Advise contacting the GP today or NHS 111. They should not stop the statin on their own.',
    script: 'Muscle pain, weakness or cramps while taking a statin need checking by a doctor today. Please ' +
      'contact your GP or call NHS 111. Do not stop your medicine unless a doctor tells you to.',
    match: [['@statin']],
    needs: [
      ['@muscle-symptom'], ['@jaundice'], ['@dark-urine'], ['@pain'],
      { all: ['urine|pee|wee|piss', 'dark|darker|brown|cola|coke|tea coloured|orange'], within: 5 },
    ],
  },
  {
    category: 'jaundice', label: 'Yellow skin or eyes', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Yellow skin or eyes need a doctor to check you today. Please contact your GP today or call NHS 111.',
    match: [['@jaundice'], { all: ['yellow|yellowish', 'skin|eyes|eye|whites'], within: 5 }],
  },
  {
    category: 'coughing-blood', label: 'Coughing up blood', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Coughing up blood needs a doctor to check you today. Please contact your GP today or call NHS 111. ' +
      'If there is a lot of blood or you are breathless, call 999.',
    match: [['@cough-blood'], { all: ['cough|coughing|coughed|phlegm|sputum', 'blood'], within: 6 }],
  },
  {
    category: 'neck-neuro', label: 'New tingling, numbness or weakness in arms or legs', level: 'urgent',
    action: URGENT_ACTION,
    script: 'New tingling, numbness or weakness in your arms or legs needs a doctor to check you first. Please ' +
      'contact your GP today or call NHS 111.',
    match: [{ all: ['@numb-or-weak', '@arm'], within: 8 }],
  },
  {
    category: 'neck-neuro', label: 'Neck pain with new tingling, numbness or weakness in the legs', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Neck trouble with new tingling, numbness or weakness in your legs needs a doctor to check you ' +
      'first. Please contact your GP today or call NHS 111.',
    // without neck trouble, one numb leg is the GP-level note below
    match: [{ all: ['@numb-or-weak', '@leg-or-foot'], within: 8 }],
    needs: [['@neck']],
  },
  {
    category: 'neck-myelopathy', label: 'Clumsy hands or unsteady walking', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Clumsy hands or unsteady walking can come from pressure on the spinal cord in the neck. Please ' +
      'contact your GP today or call NHS 111.',
    match: [
      ['@clumsy-hands'],
      ['@unsteady'],
      { all: ['dropping|drop|dropped|drops', 'things|stuff|cups|cup|mug|pens|pen|keys|objects|everything|glasses|plates|cutlery'], within: 3 },
    ],
  },
  {
    category: 'double-vision', label: 'Double vision', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Double vision needs a doctor to check you first. Please contact your GP today or call NHS 111. If ' +
      'it came on suddenly with weakness or speech problems, call 999.',
    match: [['@double-vision'], { all: ['vision|sight|eyesight|seeing|see', 'double|doubled|two of'], within: 4 }],
  },
  {
    category: 'dizziness-fainting', label: 'Dizziness or fainting', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Dizziness or fainting with neck pain needs a doctor to check you before neck treatment. Please ' +
      'contact your GP today or call NHS 111.',
    match: [['@dizzy']],
  },
  {
    category: 'speech-swallowing', label: 'Speech or swallowing changes', level: 'urgent',
    action: URGENT_ACTION,
    script: 'Changes in your speech or swallowing need a doctor to check you first. Please contact your GP today ' +
      'or call NHS 111. If it came on suddenly, call 999.',
    match: [
      { all: ['@swallow', '@swallow-problem'], within: 6 },
      ['dysphagia'],
      { all: ['@speech', '@speech-change'], within: 5 },
    ],
  },

  // ============================ GP: note on the request, not urgent ============================
  {
    category: 'sleep-cramps', label: 'Cramps disturbing sleep', level: 'gp',
    action: GP_ACTION,
    script: 'Cramps that keep waking you are worth mentioning to your GP. We can still see you as planned.',
    match: [{ all: ['@cramp', '@night|sleep|asleep|awake|bed'], within: 10 }, ['night cramps|nocturnal cramps']],
  },
  {
    category: 'leg-numbness', label: 'Leg numbness', level: 'gp',
    action: GP_ACTION,
    script: 'Numbness in your leg is worth mentioning to your GP. We can still see you as planned.',
    match: [{ all: ['@numb', '@leg-or-foot'], within: 8 }],
  },
  {
    category: 'leg-swelling', label: 'Leg swelling', level: 'gp',
    action: GP_ACTION,
    script: 'Swollen legs or ankles are worth mentioning to your GP. We can still see you as planned.',
    match: [{ all: ['@swollen', '@leg-or-foot'], within: 6 }],
  },
  {
    category: 'muscle-wasting', label: 'Leg muscles wasting', level: 'gp',
    action: GP_ACTION,
    script: 'Muscles that are getting thinner are worth mentioning to your GP. We can still see you as planned.',
    match: [{ all: ['@wasting', '@leg-or-foot|muscle|muscles'], within: 8 }, ['muscle wasting|muscles wasting']],
  },
  {
    category: 'medication', label: 'Medicine may be causing cramps', level: 'gp',
    action: 'Note it on the request. Advise speaking to their GP or pharmacist. They must not stop a ' +
      'prescribed medicine without advice.',
    script: 'Some medicines can cause cramps. Please speak to your GP or pharmacist about it. Do not stop a ' +
      'prescribed medicine on your own.',
    match: [['@medicine-named'], { all: ['@medicine-general', '@medicine-causal'], within: 8 }],
  },
];
