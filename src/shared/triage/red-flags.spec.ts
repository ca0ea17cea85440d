import { redFlagCategories, RED_FLAG_RULES, screenMessage, typoReadingsOf, type RedFlag } from './red-flags';

function categoriesOf(text: string): string[] {
  return screenMessage(text).redFlags.map((flag) => flag.category);
}

function flagOf(text: string, category: string): RedFlag | undefined {
  return screenMessage(text).redFlags.find((flag) => flag.category === category);
}

/** Each row: a message and the category it must raise, at the priority the row's group states. */
function expectEach(rows: readonly (readonly [string, string])[], priority: 'emergency' | 'urgent'): void {
  for (const [text, category] of rows) {
    const result = screenMessage(text);
    expect(result.priority).withContext(text).toBe(priority);
    expect(result.redFlags.map((flag) => flag.category)).withContext(text).toContain(category);
  }
}

describe('screenMessage', () => {
  describe('emergency signs (advise 999 or A&E now)', () => {
    it('finds cauda equina: saddle numbness, in the words patients use', () => {
      expectEach([
        ['numb down below since yesterday and my back is agony', 'cauda-equina'],
        ['tingling around my bum and privates', 'cauda-equina'],
        ['numbness in my groin and inner thighs', 'cauda-equina'],
        ['loss of sensation in the saddle area', 'cauda-equina'],
        ['my husband says he has no feeling between his legs', 'cauda-equina'],
      ], 'emergency');
    });

    it('finds changed feeling when wiping, including "can\'t feel the toilet paper"', () => {
      expectEach([
        ["I can't feel the toilet paper when I wipe", 'cauda-equina'],
        ['when I wipe it feels different, sort of numb', 'cauda-equina'],
        ['wiping feels strange since my back went', 'cauda-equina'],
      ], 'emergency');
    });

    it('finds bladder trouble: "can\'t pee", retention, not knowing when the bladder is full', () => {
      expectEach([
        ["can't pee", 'cauda-equina'],
        ['havent been able to wee since this morning', 'cauda-equina'],
        ['struggling to urinate', 'cauda-equina'],
        ['unable to pass water since last night', 'cauda-equina'],
        ['I do not know when my bladder is full', 'cauda-equina'],
        ['nothing comes out when I try to pee', 'cauda-equina'],
        ['bladder not emptying properly', 'cauda-equina'],
      ], 'emergency');
    });

    it('finds incontinence: "wet myself", leaking, lost control', () => {
      expectEach([
        ['I wet myself this morning', 'cauda-equina'],
        ['started leaking urine', 'cauda-equina'],
        ["I've lost control of my bladder", 'cauda-equina'],
        ['peed myself in my sleep', 'cauda-equina'],
        ['I keep leaking and have to wear a pad', 'cauda-equina'],
      ], 'emergency');
    });

    it('finds loss of bowel control', () => {
      expectEach([
        ['I soiled myself without feeling it', 'cauda-equina'],
        ["can't control my bowels", 'cauda-equina'],
        ['I cannot feel when I need to open my bowels', 'cauda-equina'],
      ], 'emergency');
    });

    it('finds weakness, numbness or sciatica in both legs, but not in one', () => {
      expectEach([
        ['both legs gone weak', 'cauda-equina'],
        ['numbness down both legs', 'cauda-equina'],
        ['sciatica in both legs now', 'cauda-equina'],
        ['my legs keep giving way', 'cauda-equina'],
        ['my legs, both of them, have gone numb', 'cauda-equina'],
      ], 'emergency');
      expect(screenMessage('numbness down my left leg with sciatica').priority).toBe('routine');
    });

    it('finds new erection problems', () => {
      expectEach([
        ["back pain and now I can't get an erection", 'cauda-equina'],
        ['having problems with erections since my back injury', 'cauda-equina'],
      ], 'emergency');
    });

    it('finds back or neck pain after an accident or fall, not after falling asleep', () => {
      expectEach([
        ['I fell off a ladder and landed on my back', 'back-trauma'],
        ['car crash this morning, neck and back really painful', 'back-trauma'],
        ['slipped on the ice and went down hard on my tailbone, pain is severe', 'back-trauma'],
      ], 'emergency');
      expect(screenMessage('I fell asleep on the sofa and my back is stiff').priority).toBe('routine');
      expect(screenMessage('I fell off my bike 10 years ago, my back has been bad since').priority).toBe('routine');
    });

    it('finds back pain with chest pain, and chest pain on its own', () => {
      expectEach([['upper back pain that goes round into my chest, feels tight', 'back-chest-pain']], 'emergency');
      expectEach([
        ['tightness across my chest and down my left arm', 'chest-pain'],
        ['pressure in my chest since this morning', 'chest-pain'],
      ], 'emergency');
    });

    it('finds stroke signs: face, arm, speech', () => {
      expectEach([
        ['his face has dropped on one side', 'stroke'],
        ['her speech is slurred', 'stroke'],
        ['sudden weakness in my left arm', 'stroke'],
        ['I think my wife is having a stroke', 'stroke'],
        ['I think I had a storke', 'stroke'],
        ['possible strok this morning', 'stroke'],
      ], 'emergency');
      expect(screenMessage('I had a stroke 5 years ago and now have back pain').priority).toBe('routine');
    });

    it('finds meningitis and sepsis signs: stiff neck with fever, a rash that does not fade, confusion', () => {
      expectEach([
        ['stiff neck and a high temperature', 'meningitis-sepsis'],
        ["rash that doesn't fade when I press a glass on it", 'meningitis-sepsis'],
        ['mum is very confused today and has back pain', 'meningitis-sepsis'],
      ], 'emergency');
      expect(screenMessage('stiff neck from sleeping funny').priority).toBe('routine');
      expect(screenMessage('a bit confused about the booking form').priority).toBe('routine');
    });

    it('finds severe breathlessness and collapse', () => {
      expectEach([
        ["can't catch my breath", 'breathlessness'],
        ['very breathles since yesterday', 'breathlessness'],
        ['struggling for breath', 'breathlessness'],
        ['I collapsed at work', 'collapse'],
        ['blacked out in the shower', 'collapse'],
      ], 'emergency');
    });

    it('finds leg pain or swelling with breathlessness, chest pain or coughing blood (clot in the lung)', () => {
      expectEach([
        ['my calf is swollen and now I am out of breath on the stairs', 'pulmonary-embolism'],
        ['leg pain since the flight and coughing up blood', 'pulmonary-embolism'],
        ['thigh swollen and my chest hurts when I breathe in', 'pulmonary-embolism'],
      ], 'emergency');
    });

    it('finds stiffness or spasms after a wound (tetanus)', () => {
      expectEach([
        ['stood on a rusty nail and now my jaw is stiff', 'tetanus'],
        ['cut my hand on barbed wire, now painful spasms in my back', 'tetanus'],
        ['lock jaw after a dog bite', 'tetanus'],
      ], 'emergency');
      expect(screenMessage('had my tetanus jab last year, booking for shoulder pain').priority).toBe('routine');
    });
  });

  describe('urgent signs (same-day GP or NHS 111)', () => {
    it('finds the back-pain warning signs', () => {
      expectEach([
        ['back pain and a temperature for 3 days', 'fever'],
        ['temp of 38.5 and back ache', 'fever'],
        ['lost about a stone without trying and my back hurts', 'weight-loss'],
        ['found a new lump on my lower back', 'back-lump'],
        ['my spine looks crooked now', 'back-lump'],
        ['back pain wakes me up every night', 'night-pain'],
        ['lower back pain, rest makes no difference', 'night-pain'],
        ['sharp pain between my shoulder blades', 'thoracic-pain'],
        ['I had breast cancer and now have new back pain', 'cancer-history'],
        ['on methotrexate and my back has been bad', 'immunosuppression'],
        ['on prednisolone for 2 years and my back hurts', 'steroids'],
        ['I have osteoporosis and sneezed and felt something go in my back', 'osteoporosis-injury'],
      ], 'urgent');
    });

    it('finds possible DVT in one calf or thigh, but not bilateral ankle swelling', () => {
      expectEach([
        ['my left calf is swollen and warm', 'dvt'],
        ['right leg swollen and red', 'dvt'],
        ['worried about a blood clot in my leg', 'dvt'],
      ], 'urgent');
      expect(screenMessage('my ankles swell in the evening').priority).toBe('routine');
    });

    it('finds a cramp lasting more than 10 minutes, in digits or words, but not a short one', () => {
      expectEach([
        ['calf cramp lasted about 20 minutes', 'prolonged-cramp'],
        ['cramp in my thigh for fifteen minutes', 'prolonged-cramp'],
        ['hamstring cramp wont go away, 10-15 mins', 'prolonged-cramp'],
        ['cramps that last half an hour', 'prolonged-cramp'],
      ], 'urgent');
      expect(screenMessage('calf cramp for 2 minutes after running').priority).toBe('routine');
      expect(screenMessage('cramp lasts less than 10 minutes').priority).toBe('routine');
    });

    it('finds cramps after lead or mercury, but not "lead to"', () => {
      expectEach([
        ['I strip old lead paint and keep getting cramps', 'toxin-cramp'],
        ['broke a mercury thermometer, since then muscle cramps', 'toxin-cramp'],
      ], 'urgent');
      expect(screenMessage('could bad posture lead to cramps?').priority).toBe('routine');
    });

    it('finds a statin with muscle symptoms, yellow skin or eyes, or dark urine; a statin alone is a GP note', () => {
      expectEach([
        ['I am on atorvastatin and my legs ache', 'statin'],
        ['started simvastatin, now muscle pains and weak', 'statin'],
        ['on statins and my wee has gone really dark', 'statin'],
        ['on a statin and my eyes look yellow', 'statin'],
      ], 'urgent');
      const alone = screenMessage('I take atorvastatin, would like to book for my shoulder');
      expect(alone.priority).toBe('routine');
      expect(alone.redFlags.map((flag) => flag.category)).toEqual(['medication']);
    });

    it('finds the neck warning signs', () => {
      expectEach([
        ['neck pain and pins and needles down my right arm', 'neck-neuro'],
        ['neck ache and now my left foot is numb', 'neck-neuro'],
        ['keep dropping things and my neck hurts', 'neck-myelopathy'],
        ['walking like im drunk', 'neck-myelopathy'],
        ['double vision since yesterday', 'double-vision'],
        ['i feel dizzy when i look up', 'dizziness-fainting'],
        ['difficulty swallowing and neck pain', 'speech-swallowing'],
        ['my voice has changed', 'speech-swallowing'],
      ], 'urgent');
    });
  });

  describe('GP-level notes', () => {
    it('lists them without raising the priority above routine', () => {
      for (const [text, category] of [
        ['calf cramps wake me up most nights', 'sleep-cramps'],
        ['my wife has numbness in her toes', 'leg-numbness'],
        ['both ankles swollen by the evening', 'leg-swelling'],
        ['the muscles in my right leg are wasting', 'muscle-wasting'],
        ['I think my new water tablets are causing the cramps', 'medication'],
      ] as const) {
        const result = screenMessage(text);
        expect(result.priority).withContext(text).toBe('routine');
        expect(result.redFlags.map((flag) => [flag.category, flag.level])).withContext(text).toContain([category, 'gp']);
      }
    });

    it('tells staff never to stop a prescribed medicine without advice', () => {
      expect(flagOf('cramps since starting furosemide', 'medication')?.action).toContain('must not stop');
    });
  });

  describe('real writing', () => {
    it('survives case, punctuation, repeated letters and text-speak', () => {
      for (const text of [
        "I CAN'T PEE!!!", 'cant pee', 'cnt pee', 'can’t pee', 'can not pee', 'cannot pee...', 'pls ring asap bck pain and cnt wee',
        'cant peeeee', 'i cant pee,back killing me',
      ]) {
        expect(screenMessage(text).priority).withContext(text).toBe('emergency');
      }
    });

    it('survives common misspellings', () => {
      for (const text of [
        'numbess in my groin', 'tingleing round my bum', 'lost control of my bladdar', 'very breathles',
        'numbnes down below', 'I wet myslef', 'both legs feel weeknes', 'my face is drooping and speech is slured',
        'cant controll my bowls',
      ]) {
        expect(screenMessage(text).priority).withContext(text).toBe('emergency');
      }
    });

    it('reads British and US spellings alike', () => {
      for (const [british, american] of [
        ['saddle anaesthesia', 'saddle anesthesia'],
        ['faeces leaking, lost control of my bowels', 'feces leaking, lost control of my bowels'],
        ['both legs feel paralysed', 'both legs feel paralyzed'],
      ] as const) {
        expect(screenMessage(british).priority).withContext(british).toBe('emergency');
        expect(screenMessage(american).priority).withContext(american).toBe('emergency');
      }
      expect(categoriesOf('had a tumour removed, back pain')).toContain('cancer-history');
      expect(categoriesOf('had a tumor removed, back pain')).toContain('cancer-history');
      expect(categoriesOf('calf is swollen and discoloured')).toContain('dvt');
      expect(categoriesOf('calf is swollen and discolored')).toContain('dvt');
    });

    it('reads plurals and words in between', () => {
      expect(screenMessage('my legs have both gone completely numb').priority).toBe('emergency');
      expect(screenMessage('pins and needles in both of my legs').priority).toBe('emergency');
      expect(screenMessage('numb bum cheeks').priority).toBe('emergency');
    });

    it('does not read real words as typos of symptoms', () => {
      for (const word of [
        'ladder', 'getting', 'cancel', 'station', 'attached', 'winced', 'filling', 'failing', 'chilly', 'wiring',
        'contusion', 'walking', 'leaving', 'looked', 'strike', 'soldier', 'election', 'meditation', 'cooking',
      ]) {
        expect(typoReadingsOf(word)).withContext(word).toEqual([]);
      }
      expect(typoReadingsOf('numbess')).toContain('numbness');
      expect(typoReadingsOf('tingleing')).toContain('tingling');
      expect(screenMessage("I've attached a photo of my posture, please call me back").priority).toBe('routine');
      expect(screenMessage('I need to cancel, I am getting myself a new appointment').priority).toBe('routine');
    });

    it('ignores harmless phrases that contain symptom words', () => {
      for (const text of [
        'my back is a wee bit sore', 'please call me back about my bad back', 'I fell asleep on the sofa, now my neck is stiff',
        'I use a hot water bottle on my calf', 'swimming breast stroke hurts my neck', 'chest of drawers fell on my foot, foot is bruised',
      ]) {
        expect(screenMessage(text).priority).withContext(text).toBe('routine');
      }
    });

    it('never reaches the prototype of its own tables', () => {
      expect(() => screenMessage('constructor toString __proto__ hasOwnProperty valueOf')).not.toThrow();
      expect(screenMessage('constructor toString __proto__').priority).toBe('routine');
    });
  });

  describe('negation', () => {
    it('does not fire on clear denials', () => {
      for (const text of [
        'no numbness', 'not numb', "I haven't had any chest pain", 'back pain without fever', 'denies saddle numbness',
        'no problems with my bladder', 'I have not lost control of my bladder or bowels', 'neither leg is numb',
        'no numbness, tingling or weakness in my legs', 'I do not have any dizziness or double vision',
        'no fever no weight loss no night pain', 'Free of numbness and pins and needles', 'legs are fine, not weak or numb',
      ]) {
        expect(screenMessage(text).priority).withContext(text).toBe('routine');
      }
    });

    it('does not let a denial swallow a later positive clause', () => {
      for (const text of [
        "no fever but I can't pee", 'no fever, I cannot pee', 'no numbness and now I have wet myself',
        'no back pain however my legs have both gone weak', 'No chest pain. Numb down below though.',
        'No fever, both legs have gone weak', 'no tingling and a numb bum', 'no numbness back pain and both legs weak',
      ]) {
        expect(screenMessage(text).priority).withContext(text).toBe('emergency');
      }
    });

    it('keeps symptoms that are written with a negative word', () => {
      for (const text of [
        'no feeling down below', "I don't have any feeling down below", 'nothing comes out when I try to wee',
        "a rash that doesn't fade under a glass", "I've never had pain like this in my chest", "can't feel my legs",
        'I no longer know when my bladder is full',
      ]) {
        expect(screenMessage(text).priority).withContext(text).toBe('emergency');
      }
    });

    it('reads form-style answers after a symptom as denials', () => {
      expect(screenMessage('Chest pain: no. Numbness: none. Bladder problems? No').priority).toBe('routine');
      expect(screenMessage('back pain, no numbness').priority).toBe('routine');
    });

    it('does not treat someone else\'s history as the patient\'s', () => {
      expect(screenMessage('my grandmother had cancer, I have a sore lower back').priority).toBe('routine');
      expect(screenMessage('I had bowel cancer; my grandmother had it too').priority).toBe('urgent');
    });
  });

  describe('result shape', () => {
    it('returns routine and no flags for empty or blank text', () => {
      expect(screenMessage('')).toEqual({ priority: 'routine', redFlags: [] });
      expect(screenMessage('   \n ')).toEqual({ priority: 'routine', redFlags: [] });
    });

    it('gives offsets into the original text that slice out the phrase exactly', () => {
      const text = 'Hello,  my back is BAD.\nSince Monday I\u2019ve had NUMBNESS in my groin & I can\u2019t pee!!';
      const { redFlags } = screenMessage(text);
      expect(redFlags.length).toBeGreaterThan(0);
      for (const flag of redFlags) expect(text.slice(flag.start, flag.end)).toBe(flag.phrase);
      expect(redFlags.map((flag) => flag.phrase)).toContain('NUMBNESS in my groin');
      expect(redFlags.map((flag) => flag.phrase)).toContain('can\u2019t pee');
    });

    it('sets the priority to the highest level found and lists the most serious first', () => {
      const result = screenMessage('calf cramps at night, on simvastatin with aching legs, and I cannot pee');
      expect(result.priority).toBe('emergency');
      const levels = result.redFlags.map((flag) => flag.level);
      expect(levels[0]).toBe('emergency');
      expect([...levels].sort((a, b) => rank(b) - rank(a))).toEqual(levels);
    });

    it('does not list a lesser flag for the same words as a more serious one', () => {
      const result = screenMessage('both legs numb');
      expect(result.redFlags.map((flag) => flag.category)).toEqual(['cauda-equina']);
    });

    it('merges one finding into one highlight', () => {
      const flags = screenMessage('I fell off a ladder onto my back').redFlags.filter((flag) => flag.category === 'back-trauma');
      expect(flags.map((flag) => flag.phrase)).toEqual(['fell off a ladder']);
    });

    it('gives every flag a label, an action and a script, with 999 for emergencies and 111 for urgent ones', () => {
      const text = 'cant pee, fever, calf cramps at night';
      for (const flag of screenMessage(text).redFlags) {
        expect(flag.label).not.toBe('');
        expect(flag.script).not.toBe('');
        if (flag.level === 'emergency') expect(flag.action).toContain('999');
        if (flag.level === 'urgent') expect(flag.action).toContain('111');
      }
    });

    it('screens a long message quickly', () => {
      const paragraph = 'My lower back has been aching after gardening and I would like an appointment next week. ';
      const text = paragraph.repeat(60) + 'Also since yesterday I cannot pee.';
      const started = Date.now();
      const result = screenMessage(text);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.priority).toBe('emergency');
    });
  });

  describe('tables', () => {
    it('compile, and every rule says what to do', () => {
      expect(() => screenMessage('compile everything')).not.toThrow();
      for (const rule of RED_FLAG_RULES) {
        expect(rule.category).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(rule.label.length).withContext(rule.category).toBeGreaterThan(3);
        expect(rule.action.length).withContext(rule.category).toBeGreaterThan(10);
        expect(rule.script.length).withContext(rule.category).toBeGreaterThan(10);
        expect(rule.match.length).withContext(rule.category).toBeGreaterThan(0);
      }
    });

    it('cover every red-flag group in DOMAIN.md section 2', () => {
      const categories = redFlagCategories().map((entry) => entry.category);
      expect(categories).toEqual(jasmine.arrayContaining([
        'cauda-equina', 'back-trauma', 'back-chest-pain', 'stroke', 'meningitis-sepsis', 'chest-pain', 'breathlessness',
        'collapse', 'pulmonary-embolism', 'tetanus', 'fever', 'weight-loss', 'back-lump', 'night-pain', 'thoracic-pain',
        'cancer-history', 'immunosuppression', 'steroids', 'osteoporosis-injury', 'dvt', 'prolonged-cramp', 'toxin-cramp',
        'statin', 'neck-neuro', 'neck-myelopathy', 'double-vision', 'dizziness-fainting', 'speech-swallowing',
        'sleep-cramps', 'leg-numbness', 'leg-swelling', 'muscle-wasting', 'medication',
      ]));
      expect(new Set(categories).size).toBe(categories.length);
    });
  });
});

function rank(level: RedFlag['level']): number {
  return { emergency: 3, urgent: 2, gp: 1 }[level];
}
