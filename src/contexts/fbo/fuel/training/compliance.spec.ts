import { complianceOf } from './compliance';

describe('compliance', () => {
  const required = [
    { id: 'a', name: 'Initial' },
    { id: 'b', name: 'Fire safety' },
  ];

  it('is compliant while every required course is held and not expired', () => {
    const result = complianceOf(
      required,
      [
        { courseId: 'a', expiresOn: '2027-01-31' },
        { courseId: 'b', expiresOn: '2026-03-12' },
        { courseId: 'other', expiresOn: '2020-01-01' },
      ],
      '2026-03-10',
      7,
    );
    expect(result).toEqual({
      compliant: true,
      courses: [
        { courseId: 'a', courseName: 'Initial', standing: 'valid', expiresOn: '2027-01-31' },
        { courseId: 'b', courseName: 'Fire safety', standing: 'expiring_soon', expiresOn: '2026-03-12' },
      ],
    });
  });

  it('is not compliant with a course missing or expired', () => {
    expect(complianceOf(required, [{ courseId: 'a', expiresOn: '2027-01-31' }], '2026-03-10', 7).compliant).toBe(false);
    const expired = complianceOf(
      required,
      [
        { courseId: 'a', expiresOn: '2027-01-31' },
        { courseId: 'b', expiresOn: '2026-03-09' },
      ],
      '2026-03-10',
      7,
    );
    expect(expired.compliant).toBe(false);
    expect(expired.courses[1].standing).toBe('expired');
  });

  it('is compliant when the org requires nothing', () => {
    expect(complianceOf([], [], '2026-03-10', 7)).toEqual({ compliant: true, courses: [] });
  });
});
