import {
  classifyMatch,
  emailMatchKey,
  MATCH_REASON_LABELS,
  normaliseDateOfBirth,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  rankMatches,
  scoreMatch,
  type ContactDetails,
} from './matching';

describe('matching', () => {
  describe('normalisePhone', () => {
    it('reads the ways people in the UK write one mobile number as one E.164 number', () => {
      for (const raw of [
        '07700 900123', '+44 7700 900123', '(0)7700-900-123', '+44 (0)7700 900123', '0044 7700 900123', '00447700900123',
        '07700900123', ' 07700-900-123 ', 'Mob: 07700 900123', 'tel:+447700900123',
      ]) {
        expect(normalisePhone(raw)).withContext(raw).toBe('+447700900123');
      }
    });

    it('reads landlines and foreign numbers', () => {
      expect(normalisePhone('020 7946 0958')).toBe('+442079460958');
      expect(normalisePhone('0161 496 0000')).toBe('+441614960000');
      expect(normalisePhone('+1 (415) 555-2671')).toBe('+14155552671');
    });

    it('returns null for what cannot be a phone number', () => {
      for (const raw of ['', '   ', 'abc', '12345', '07700 90012', '0770090', '0207 946', '01632 9600', null, undefined]) {
        expect(normalisePhone(raw)).withContext(String(raw)).toBeNull();
      }
    });
  });

  describe('normaliseEmail and emailMatchKey', () => {
    it('trims and lower-cases, and rejects what is not an address', () => {
      expect(normaliseEmail('  Jane.Doe@Example.CO.UK ')).toBe('jane.doe@example.co.uk');
      expect(normaliseEmail('<jane@example.com>')).toBe('jane@example.com');
      expect(normaliseEmail('mailto:JANE@example.com')).toBe('jane@example.com');
      for (const raw of ['', 'jane', 'jane@', '@example.com', 'jane@example', 'jane doe@example.com', null, undefined]) {
        expect(normaliseEmail(raw)).withContext(String(raw)).toBeNull();
      }
    });

    it('compares Gmail addresses without dots or +tags, and other addresses without +tags only', () => {
      expect(emailMatchKey('John.Smith+clinic@googlemail.com')).toBe('johnsmith@gmail.com');
      expect(emailMatchKey('johnsmith@gmail.com')).toBe('johnsmith@gmail.com');
      expect(emailMatchKey('john.smith+physio@example.com')).toBe('john.smith@example.com');
      expect(emailMatchKey('not an email')).toBeNull();
    });
  });

  describe('normaliseName', () => {
    it('ignores case, accents, punctuation, extra spaces and titles', () => {
      expect(normaliseName("  Dr. Seán O'Brien ")).toBe('sean obrien');
      expect(normaliseName('Mrs  ANNE-MARIE  Smith-Jones')).toBe('anne marie smith jones');
      expect(normaliseName('Prof Sir David Jones Jnr')).toBe('david jones');
      expect(normaliseName('Jürgen Weiß')).toBe('jurgen weiss');
      expect(normaliseName('MISS zoë   ADAMS')).toBe('zoe adams');
    });

    it('reads "Surname, First" as "first surname"', () => {
      expect(normaliseName('Smith, John')).toBe('john smith');
    });

    it('keeps a lone word even if it looks like a title, and gives empty text for nothing', () => {
      expect(normaliseName('Lord')).toBe('lord');
      expect(normaliseName('   ')).toBe('');
      expect(normaliseName(null)).toBe('');
    });
  });

  describe('normaliseDateOfBirth', () => {
    it('reads ISO and UK day-first dates and rejects impossible ones', () => {
      expect(normaliseDateOfBirth('1970-01-31')).toBe('1970-01-31');
      expect(normaliseDateOfBirth('31/01/1970')).toBe('1970-01-31');
      expect(normaliseDateOfBirth('3.2.1970')).toBe('1970-02-03');
      expect(normaliseDateOfBirth('31/02/1970')).toBeNull();
      expect(normaliseDateOfBirth('01/31/1970')).toBeNull();
      expect(normaliseDateOfBirth('yesterday')).toBeNull();
    });
  });

  describe('scoreMatch and classifyMatch', () => {
    const patient: ContactDetails = {
      name: 'Margaret Evans', phone: '07700 900123', email: 'maggie.evans@gmail.com', dateOfBirth: '1954-06-02', postcode: 'CF10 1AA',
    };
    const classify = (candidate: ContactDetails) => classifyMatch(scoreMatch(candidate, patient));

    it('treats the same phone as an existing patient, however the number is written', () => {
      const result = scoreMatch({ name: 'Mrs M. Evans', phone: '+44 (0)7700 900-123' }, patient);
      expect(result.reasons).toContain('same-phone');
      expect(classifyMatch(result)).toBe('existing-patient');
    });

    it('treats the same email as an existing patient, even with a nickname', () => {
      const result = scoreMatch({ name: 'Maggie Evans', email: 'Maggie.Evans+clinic@googlemail.com' }, patient);
      expect(result.reasons).toEqual(jasmine.arrayContaining(['same-email', 'similar-name']));
      expect(classifyMatch(result)).toBe('existing-patient');
    });

    it('only suggests a duplicate when a shared phone carries a different person', () => {
      expect(classify({ name: 'Gareth Evans', phone: '07700900123', dateOfBirth: '1983-11-20' })).toBe('possible-duplicate');
      expect(classify({ name: 'Sophie Turner', phone: '07700900123' })).toBe('possible-duplicate');
    });

    it('accepts a changed surname when the date of birth agrees', () => {
      const result = scoreMatch({ name: 'Margaret Price', phone: '07700 900123', dateOfBirth: '02/06/1954' }, patient);
      expect(result.reasons).toEqual(jasmine.arrayContaining(['same-phone', 'different-name', 'same-date-of-birth']));
      expect(classifyMatch(result)).toBe('existing-patient');
    });

    it('treats the same name alone as weak: at most a possible duplicate', () => {
      const result = scoreMatch({ name: 'margaret  EVANS', phone: '07700 900999' }, patient);
      expect(result.reasons).toEqual(['same-name']);
      expect(classifyMatch(result)).toBe('possible-duplicate');
      expect(result.score).toBeLessThan(scoreMatch({ phone: '07700900123' }, patient).score);
    });

    it('drops a same-name match whose date of birth differs', () => {
      expect(classify({ name: 'Margaret Evans', dateOfBirth: '1990-01-01' })).toBeNull();
    });

    it('suggests a similar name only with a date of birth or postcode to back it', () => {
      expect(classify({ name: 'Margret Evans' })).toBeNull();
      expect(classify({ name: 'Margret Evans', dateOfBirth: '1954-06-02' })).toBe('possible-duplicate');
      expect(classify({ name: 'Peggy Evans', postcode: 'cf101aa' })).toBe('possible-duplicate');
    });

    it('finds nothing when nothing agrees, and ignores details that are missing', () => {
      const unrelated = scoreMatch({ name: 'Tom Jones', phone: '07700 900456', email: 'tom@example.com' }, patient);
      expect(classifyMatch(unrelated)).toBeNull();
      expect(scoreMatch({}, patient)).toEqual({ score: 0, reasons: [] });
    });

    it('matches any of a patient record\'s phones and emails', () => {
      const record: ContactDetails = { name: 'Ann Lee', phones: ['020 7946 0958', '07700 900777'], emails: ['ann@example.com'] };
      expect(scoreMatch({ phone: '+447700900777' }, record).reasons).toEqual(['same-phone']);
      expect(scoreMatch({ email: 'ANN@example.com' }, record).reasons).toEqual(['same-email']);
    });

    it('keeps the score between 0 and 100', () => {
      const everything = scoreMatch({ ...patient }, patient);
      expect(everything.score).toBe(100);
      const contradicted = scoreMatch({ name: 'Zed Zulu', dateOfBirth: '2001-01-01' }, patient);
      expect(contradicted.score).toBe(0);
    });

    it('has a staff-facing label for every reason', () => {
      const reasons = ['same-phone', 'same-email', 'same-name', 'similar-name', 'different-name', 'same-date-of-birth',
        'different-date-of-birth', 'same-postcode'] as const;
      for (const reason of reasons) expect(MATCH_REASON_LABELS[reason]).toMatch(/^[A-Z]/);
    });
  });

  describe('rankMatches', () => {
    it('lists existing patients first, then possible duplicates by score, and leaves out the rest', () => {
      const people = [
        { id: 'a', name: 'John Smith', phone: '07700 900001' },
        { id: 'b', name: 'Jon Smith', email: 'jon@example.com', phone: '07700 900123' },
        { id: 'c', name: 'John Smith', dateOfBirth: '1980-05-05' },
        { id: 'd', name: 'Sarah Brown' },
      ];
      const ranked = rankMatches({ name: 'John Smith', phone: '07700900123', dateOfBirth: '1980-05-05' }, people);
      expect(ranked.map((entry) => [entry.person.id, entry.match])).toEqual([
        ['b', 'existing-patient'],
        ['c', 'possible-duplicate'],
        ['a', 'possible-duplicate'],
      ]);
    });
  });
});
