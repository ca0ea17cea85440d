/**
 * The advice modules Clinic Desk ships (DOMAIN.md section 5), written for patients to the rules
 * in section 6: reading age 9–11, short sentences, plain word first with the medical term in
 * brackets, exact numbers, the most important point first, "may help" rather than promises.
 *
 * Where the clinic's web page and NHS guidance differ, these follow the DOMAIN brief: about
 * 2 litres (6–8 glasses) a day with tea and coffee counting, never "as much as possible"; the
 * spine advice is individual (added for facet, disc or spasm findings), not a rule on every sheet.
 *
 * Clinics edit their own copies in the library; these are the safe starting point and the
 * fallback for "when to get help", which every sheet must end with.
 */
import type { AdviceModule } from './advice-model';

const REVIEWER = 'Clinic Desk clinical team';
const REVIEW_DATE = '2026-11-26';

/** Stable keys of the shipped modules; the drafting rules and specs refer to them by name. */
export const MODULE_KEYS = {
  calfStretchWall: 'calf-stretch-wall',
  heelDropStep: 'heel-drop-step',
  beforeBed: 'before-bed',
  fluids: 'fluids',
  fluidsDoctorAdvice: 'fluids-doctor-advice',
  carbohydrateExercise: 'carbohydrate-exercise',
  salt: 'salt',
  medicinesGp: 'medicines-gp',
  crampPregnancy: 'cramp-pregnancy',
  spineCare: 'spine-care',
  buttockStrengthening: 'buttock-strengthening',
  whenToGetHelp: 'when-to-get-help',
} as const;
export type ShippedModuleKey = (typeof MODULE_KEYS)[keyof typeof MODULE_KEYS];

const calfStretchWall: AdviceModule = {
  key: MODULE_KEYS.calfStretchWall,
  title: 'Calf stretch at a wall',
  category: 'stretching',
  illustration: 'calf-stretch-wall',
  blocks: [
    {
      kind: 'paragraph',
      text: 'This stretch may help stop cramp in your calf (the back of your lower leg). It may not stop every cramp.',
    },
    {
      kind: 'steps',
      items: [
        'Stand facing a wall, about one big step away from it.',
        'Put both hands flat on the wall at the height of your shoulders.',
        'Step back with the leg you want to stretch.',
        'Keep that leg straight and press the heel flat on the floor.',
        'Bend your front knee and lean in towards the wall.',
        'Stop when you feel a stretch in the calf of your back leg.',
        'Hold the stretch. Then step forward, rest and change legs.',
      ],
    },
    { kind: 'dose', holdSeconds: [20, 30], repetitions: 3, perSide: true, howOften: 'every day', whenInDay: 'before bed is best' },
    {
      kind: 'callout',
      tone: 'info',
      text: 'A stretch should feel **firm but not painful**. If it hurts, lean in a little less.',
    },
  ],
  conditions: { appliesWhen: ['calf-cramp', 'foot-cramp', 'night-calf-cramp'], leaveOutWhen: [] },
  source:
    "The clinic's own calf stretch and dose (hold 20 to 30 seconds, 3 times each leg). NHS, Leg cramps (nhs.uk): stretching may help prevent cramps.",
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const heelDropStep: AdviceModule = {
  key: MODULE_KEYS.heelDropStep,
  title: 'Heel drop on a step',
  category: 'stretching',
  illustration: 'heel-drop-step',
  blocks: [
    {
      kind: 'paragraph',
      text: 'This is another way to stretch your calves. You can do it instead of the wall stretch, or as well as it.',
    },
    {
      kind: 'steps',
      items: [
        'Stand on the bottom step of your stairs, facing up the stairs.',
        'Hold the handrail or the wall with one hand.',
        'Move back until only the front part of each foot (the ball of the foot) is on the step.',
        'Slowly lower your heels over the edge until you feel a stretch in your calves.',
        'Hold the stretch. Then slowly lift your heels back up to the level of the step.',
      ],
    },
    { kind: 'dose', holdSeconds: [20, 30], repetitions: 3, perSide: false, howOften: 'every day', whenInDay: 'before bed is best' },
    {
      kind: 'callout',
      tone: 'warning',
      text: 'Use the **bottom step only** and always hold on. Do not do this stretch if you feel unsteady on your feet.',
    },
  ],
  conditions: {
    appliesWhen: ['calf-cramp', 'foot-cramp', 'night-calf-cramp'],
    // Balancing on a step edge is a fall risk when balance is changing (pregnancy) or may be
    // affected (nerve conditions); the wall stretch gives the same stretch with support.
    leaveOutWhen: ['pregnant', 'neurological-condition'],
  },
  source: "The clinic's own heel-drop stretch and dose (as for the wall stretch: 20 to 30 seconds, 3 times).",
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const beforeBed: AdviceModule = {
  key: MODULE_KEYS.beforeBed,
  title: 'Calf stretch before bed',
  category: 'stretching',
  illustration: 'bedtime',
  blocks: [
    {
      kind: 'paragraph',
      text: '**Stretch your calves just before you go to bed.** This may help stop cramp at night.',
    },
    {
      kind: 'paragraph',
      text: 'When you lie down, your foot points down and your calf muscle gets shorter. A short muscle is more likely to cramp. This is even more likely if the muscle is tired or you have not had enough to drink.',
    },
    {
      kind: 'bullets',
      items: [
        'Do your calf stretch in the last few minutes before bed.',
        'Keep your bedcovers loose over your feet, so they do not push your toes down.',
        'Try not to lie with your toes pointed for a long time.',
      ],
    },
    {
      kind: 'paragraph',
      text: 'If a cramp starts, pull your toes up towards you, or stand up and put your weight on that leg. Rubbing the muscle may also help.',
    },
  ],
  conditions: { appliesWhen: ['night-calf-cramp'], leaveOutWhen: [] },
  source:
    "The clinic's own advice: stretch before bed, because a shortened calf in bed cramps more. NHS, Leg cramps (nhs.uk): stretching and easing a cramp.",
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const fluids: AdviceModule = {
  key: MODULE_KEYS.fluids,
  title: 'Drinking enough',
  category: 'fluids',
  blocks: [
    {
      kind: 'paragraph',
      text: 'Aim for about **2 litres of fluid a day**. That is about 6 to 8 glasses. Not drinking enough can make cramp more likely.',
    },
    {
      kind: 'bullets',
      items: [
        'Make most of your drinks water.',
        'Tea, coffee, milk and sugar-free drinks all count too.',
        'Drink more when it is hot, when you exercise or when you are ill.',
        'Spread your drinks through the day.',
      ],
    },
    {
      kind: 'paragraph',
      text: 'Check the colour of your pee (urine). Pale yellow means you are drinking enough. Dark yellow means you need to drink more.',
    },
    {
      kind: 'callout',
      tone: 'warning',
      text: 'Do not drink far more than you need. Too much water can be harmful too.',
    },
    {
      kind: 'paragraph',
      text: 'If a doctor has told you to limit how much you drink, follow their advice instead.',
    },
  ],
  conditions: {
    appliesWhen: [
      'calf-cramp',
      'foot-cramp',
      'night-calf-cramp',
      'hamstring-cramp',
      'exercise-cramp',
      'dehydration-trigger',
      'fatigue-trigger',
    ],
    leaveOutWhen: ['fluid-restriction', 'fluid-limit-unchecked'],
  },
  source:
    'NHS, Water, drinks and your health (nhs.uk) and the Eatwell Guide: 6 to 8 cups or glasses a day, tea and coffee count, pale-yellow urine, more in heat, exercise and illness. The clinic advises about 2 litres a day.',
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const fluidsDoctorAdvice: AdviceModule = {
  key: MODULE_KEYS.fluidsDoctorAdvice,
  title: "Follow your doctor's fluid advice",
  category: 'fluids',
  replaces: MODULE_KEYS.fluids,
  blocks: [
    {
      kind: 'paragraph',
      text: 'If a doctor has told you how much to drink, **keep to that amount**. Do this even if you get cramp.',
    },
    {
      kind: 'bullets',
      items: [
        'Do not drink extra to try to stop your cramps.',
        'Ask your doctor or nurse before you change how much you drink.',
        'If you are not sure how much you should drink, ask your GP.',
        'Tell your doctor if you are often very thirsty or your pee is very dark.',
      ],
    },
  ],
  conditions: { appliesWhen: ['fluid-restriction', 'fluid-limit-unchecked'], leaveOutWhen: [] },
  source:
    'DOMAIN brief: people told by a doctor to limit fluids (for example with heart failure or kidney disease) must follow that advice rather than a general fluid target.',
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const carbohydrateExercise: AdviceModule = {
  key: MODULE_KEYS.carbohydrateExercise,
  title: 'Food for active muscles',
  category: 'food',
  blocks: [
    {
      kind: 'paragraph',
      text: 'Tired muscles cramp more. If you exercise, eat enough starchy food (carbohydrate). It keeps up the energy store in your muscles (glycogen).',
    },
    {
      kind: 'bullets',
      items: [
        'Good choices are bread, rice, pasta, potatoes, oats and fruit.',
        'Have some of these in the meal before you exercise.',
        'After long or hard exercise, have a meal or snack with some of these foods.',
        'Build up how much exercise you do a little at a time.',
      ],
    },
    {
      kind: 'paragraph',
      text: 'If you have diabetes, follow the eating plan from your diabetes team.',
    },
  ],
  conditions: { appliesWhen: ['exercise-cramp', 'fatigue-trigger'], leaveOutWhen: [] },
  source:
    "The clinic's own advice: enough carbohydrate to keep muscle glycogen up, especially if you exercise. NHS Eatwell Guide: base meals on starchy foods.",
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const salt: AdviceModule = {
  key: MODULE_KEYS.salt,
  title: 'Salt and cramp',
  category: 'food',
  blocks: [
    {
      kind: 'paragraph',
      text: '**Do not take extra salt** unless a doctor has found that you need it.',
    },
    {
      kind: 'paragraph',
      text: 'Many people think cramp comes from too little salt. This is rarely the cause. When you sweat, you lose much more water than salt. Your body keeps its salt level steady.',
    },
    {
      kind: 'bullets',
      items: [
        'Most people already eat more salt than they need.',
        'Too much salt can raise your blood pressure.',
        'Do not take salt tablets unless your doctor tells you to.',
      ],
    },
  ],
  conditions: { appliesWhen: ['exercise-cramp', 'dehydration-trigger'], leaveOutWhen: [] },
  source:
    "The clinic's own advice: do not take salt until it is established that you need it. NHS, Salt: the facts (nhs.uk): adults should have no more than 6 g a day.",
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const medicinesGp: AdviceModule = {
  key: MODULE_KEYS.medicinesGp,
  title: 'Medicines and your GP',
  category: 'medicines',
  blocks: [
    {
      kind: 'callout',
      tone: 'warning',
      text: 'Do you take a statin (for high cholesterol)? If you have new muscle pain, weakness or cramps, **contact your GP or call NHS 111 today**. Do the same if your skin or eyes turn yellow, or your pee is dark.',
    },
    {
      kind: 'paragraph',
      text: 'Some medicines can cause cramp. If you think a medicine is causing your cramps, speak to your GP.',
    },
    {
      kind: 'paragraph',
      text: '**Never stop a medicine your doctor gave you on your own.** Your GP can check it and change it safely if needed.',
    },
    { kind: 'paragraph', text: 'Medicines that can cause cramp include:' },
    {
      kind: 'bullets',
      items: [
        'water tablets (diuretics)',
        'statins (for cholesterol)',
        'nicotinic acid (for cholesterol)',
        'raloxifene (for weak bones)',
        'teriparatide (for weak bones)',
        'nifedipine (for chest pain or cold fingers)',
        'some asthma inhalers (salbutamol)',
      ],
    },
  ],
  conditions: { appliesWhen: ['cramp-medicine', 'statin-muscle-symptoms'], leaveOutWhen: [] },
  source:
    "The clinic's own advice: contact your GP if you think a medicine causes your cramps and never stop a prescribed medicine without advice. NHS, Leg cramps and Statins (nhs.uk): statin with unexplained muscle pain, weakness or cramps, yellow skin or eyes or dark urine needs same-day advice.",
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const crampPregnancy: AdviceModule = {
  key: MODULE_KEYS.crampPregnancy,
  title: 'Cramp in pregnancy',
  category: 'pregnancy',
  blocks: [
    {
      kind: 'paragraph',
      text: 'Leg cramps are common in pregnancy, most of all in the last 3 months. **They usually stop after your baby is born.**',
    },
    {
      kind: 'paragraph',
      text: 'Gentle calf stretches are fine to do and may help.',
    },
    {
      kind: 'bullets',
      items: [
        'Stretch your calves gently before bed.',
        'Hold a wall or a chair when you stretch, as your balance changes as your bump grows.',
        'Move your feet up and down 30 times, then turn each foot in a circle 8 times each way. Do this a few times a day.',
        'If a cramp starts, pull your toes up towards you, or rub the muscle.',
      ],
    },
    {
      kind: 'callout',
      tone: 'warning',
      text: 'Call your midwife, GP or NHS 111 straight away if one leg is swollen, warm, red or painful. Do the same if you have a bad headache, blurred sight, or sudden swelling of your face, hands or feet.',
    },
  ],
  conditions: { appliesWhen: ['pregnant'], leaveOutWhen: [] },
  source:
    "The clinic's own advice: cramps in late pregnancy usually pass after the birth. NHS, Leg cramps in pregnancy and Pre-eclampsia (nhs.uk): gentle exercise and foot exercises, and the signs that need a midwife straight away.",
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const spineCare: AdviceModule = {
  key: MODULE_KEYS.spineCare,
  title: 'Looking after your spine',
  category: 'spine',
  blocks: [
    {
      kind: 'paragraph',
      text: 'Your chiropractor has chosen this advice for your back or neck. **Keep moving gently.** This helps your spine get better.',
    },
    {
      kind: 'bullets',
      items: [
        'Keep up short walks and your normal daily tasks as much as pain allows.',
        'Change position often. Try not to sit still for more than 30 minutes.',
        'Avoid stretches that twist or bend your spine over and over.',
        'Stretching the muscles of your legs and arms is still fine.',
      ],
    },
    {
      kind: 'paragraph',
      text: 'Why not twist or bend your spine to stretch it? The joints that already move easily do most of the moving. The stiff joint hardly moves at all. Done again and again, this can make your spine less stable.',
    },
    {
      kind: 'callout',
      tone: 'info',
      text: 'Stop any exercise that sends pain, tingling or numbness down your arm or leg. Tell your chiropractor at your next visit.',
    },
  ],
  conditions: { appliesWhen: ['facet-joint', 'disc-irritation', 'paraspinal-spasm'], leaveOutWhen: [] },
  source:
    "The clinic's own advice: do not stretch the spine by twisting or bending, as the most flexible segment moves and the stiff one does not. NHS, Back pain and Neck pain (nhs.uk): keep active with gentle movement.",
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const buttockStrengthening: AdviceModule = {
  key: MODULE_KEYS.buttockStrengthening,
  title: 'Strengthening your buttock muscles',
  category: 'strengthening',
  illustration: 'bridge',
  blocks: [
    {
      kind: 'paragraph',
      text: 'Your buttock muscles (glutes) are weak. This makes the muscles at the back of your thigh (hamstrings) work too hard, so they cramp. Making your buttock muscles stronger may help stop this.',
    },
    {
      kind: 'steps',
      items: [
        'Lie on your back on the floor or a firm bed.',
        'Bend your knees and put your feet flat, as wide apart as your hips.',
        'Squeeze your buttocks. Then slowly lift your hips until your body is in a straight line from your shoulders to your knees.',
        'Hold, then slowly lower your hips back down.',
      ],
    },
    { kind: 'dose', holdSeconds: 5, repetitions: 10, perSide: false, howOften: 'once a day' },
    { kind: 'paragraph', text: 'When this feels easy, make it a little harder, one stage at a time:' },
    {
      kind: 'bullets',
      items: [
        'Stage 2: hold at the top for 10 seconds.',
        'Stage 3: at the top, lift one foot just off the floor for 2 seconds. Put it down and do the same with the other foot.',
        'Stage 4: do the bridge on one leg, with the other leg held out straight.',
      ],
    },
    {
      kind: 'callout',
      tone: 'info',
      text: 'If the back of your thigh starts to cramp, stop and rest. Then move your feet a little closer to your bottom. This makes your buttocks do more of the work.',
    },
  ],
  conditions: {
    appliesWhen: ['weak-buttock-muscles'],
    // NHS pregnancy exercise advice: avoid lying flat on your back for long after 16 weeks.
    leaveOutWhen: ['pregnant-after-first-trimester'],
  },
  source:
    "The clinic's own explanation of muscle imbalance: weak buttock muscles make the hamstrings cramp during the bridge. Bridge and its progression as used in chiropractic and physiotherapy rehabilitation.",
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

const whenToGetHelp: AdviceModule = {
  key: MODULE_KEYS.whenToGetHelp,
  title: 'When to get help',
  category: 'when-to-get-help',
  blocks: [
    { kind: 'callout', tone: 'warning', text: '**Call 999 or go to A&E now** if you have any of these:' },
    {
      kind: 'bullets',
      items: [
        'Numbness or tingling around your genitals, bottom or inner thighs.',
        'You cannot feel the toilet paper when you wipe.',
        'You cannot pee, you leak pee, or you cannot tell if your bladder is full.',
        'You cannot control your poo (bowels).',
        'Both legs feel weak or numb, or you have pain down both legs (sciatica).',
        'New problems getting or keeping an erection.',
        'Back pain after a bad fall or accident, or back pain with chest pain.',
        'Signs of a stroke: your face droops, one arm is weak, or your speech is slurred.',
        'A stiff neck and a high temperature (fever), or a rash that does not fade when you press a glass on it.',
        'Chest pain, you feel very short of breath or very confused, or you collapse.',
        'A painful or swollen leg, and you are short of breath, have chest pain or cough up blood.',
        'Very stiff muscles or spasms after a cut or wound, or you cannot open your jaw (lockjaw).',
      ],
    },
    { kind: 'callout', tone: 'warning', text: '**Call NHS 111 or your GP today** if you have any of these:' },
    {
      kind: 'bullets',
      items: [
        'One calf or thigh is swollen, warm, red or darker, and it throbs or cramps.',
        'A cramp lasts more than 10 minutes.',
        'You get cramps after you have been in contact with lead or mercury.',
        'You take a statin and have new muscle pain, weakness or cramps, yellow skin or eyes, or dark pee.',
        'Back pain with a high temperature, weight loss you cannot explain, a new lump, or a change in the shape of your back.',
        'Back pain that is worse at night or does not ease when you rest, or pain between your shoulder blades.',
        'Back pain and you have had cancer, or your body is less able to fight germs (weak immune system).',
        'Back pain after a small fall or knock, and you take steroids or have weak bones (osteoporosis).',
        'New tingling, numbness or weakness in your arms or legs.',
        'Clumsy hands, or you feel unsteady when you walk.',
        'Double vision, feeling dizzy or fainting, or changes to your speech or swallowing.',
      ],
    },
    {
      kind: 'paragraph',
      text: 'See your GP, but it is not urgent, if cramps often wake you, your legs feel numb or swollen, or your leg muscles look thinner.',
    },
  ],
  conditions: { appliesWhen: ['always'], leaveOutWhen: [] },
  source:
    'Red flags from the DOMAIN brief section 2, drawn from NHS pages on back pain, cauda equina syndrome, sciatica, leg cramps, DVT, statins, stroke, meningitis and tetanus (nhs.uk).',
  reviewer: REVIEWER,
  reviewDate: REVIEW_DATE,
};

/**
 * Every shipped module, in the order a sheet shows them: pregnancy first when it applies (it
 * explains the cramps and holds the signs that need a midwife), then exercises, then fluids and
 * food, then medicines, and always "when to get help" last. A statin with new muscle symptoms
 * moves "medicines and your GP" to the top (drafting.ts), because that advice is same-day.
 */
export const DEFAULT_MODULES: readonly AdviceModule[] = [
  crampPregnancy,
  calfStretchWall,
  heelDropStep,
  beforeBed,
  buttockStrengthening,
  spineCare,
  fluids,
  fluidsDoctorAdvice,
  carbohydrateExercise,
  salt,
  medicinesGp,
  whenToGetHelp,
];

/** A fresh, independent copy of the shipped modules (e.g. to seed a clinic's library). */
export function defaultModules(): AdviceModule[] {
  return DEFAULT_MODULES.map((m) => structuredClone(m));
}
