// A small standard in the public standards API's shape, for tests that must run without the snapshot.

/** A small API-shaped standard; each test changes what it is about. */
export function apiFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    referenceNumber: 'ST9001',
    title: 'Test &amp; trial technician',
    version: '1.1',
    versionNumber: '1.1',
    level: 3,
    status: 'Approved for delivery',
    earliestStartDate: '2024-01-15T00:00:00',
    latestStartDate: null,
    latestEndDate: null,
    approvedForDelivery: '2023-11-01T00:00:00 +00:00',
    typicalDuration: 18,
    standardPageUrl: 'https://example.test/st9001-v1-1',
    assessmentPlanUrl: 'https://example.test/st9001-ap.pdf',
    knowledges: [
      { knowledgeId: 'k-a', detail: 'K1: Core knowledge &lt;b&gt;bold&lt;/b&gt;' },
      { knowledgeId: 'k-b', detail: 'Knowledge for option one.' },
      { knowledgeId: 'k-c', detail: 'Knowledge for option two.' },
    ],
    skills: [{ skillId: 's-a', detail: 'S1 - A core skill.' }],
    behaviours: [{ behaviourId: 'b-a', detail: 'A core behaviour\u00a0with a non-breaking space.' }],
    options: [
      { optionId: 'o-1', title: 'First Option', occupationCode: 'OCC9001A' },
      { optionId: 'o-2', title: 'Second & Last', occupationCode: 'OCC9001B' },
    ],
    optionsUnstructuredTemplate: [],
    optionsUnstructuredKsbMapping: [],
    duties: [
      {
        dutyID: 'd1',
        dutyDetail: 'Do the core work',
        isThisACoreDuty: 1,
        mappedKnowledge: ['k-a'],
        mappedSkills: ['s-a'],
        mappedBehaviour: ['b-a'],
        mappedOptions: [],
      },
      {
        dutyID: 'd2',
        dutyDetail: 'Option one work',
        isThisACoreDuty: 0,
        mappedKnowledge: ['k-b'],
        mappedSkills: [],
        mappedBehaviour: [],
        mappedOptions: ['o-1'],
      },
      {
        dutyID: 'd3',
        dutyDetail: 'Option two work',
        isThisACoreDuty: 0,
        mappedKnowledge: ['k-c', 'k-a'],
        mappedSkills: [],
        mappedBehaviour: [],
        mappedOptions: ['o-2'],
      },
    ],
    ...overrides,
  };
}
