import { largestOf } from '../../../src/analysis/largest.js';

const bytes = (item: { sizeBytes: number }) => item.sizeBytes;

test('the largest items, largest first; of equal ones the earlier; the rest counted with their bytes', () => {
  const items = [3, 9, 1, 9, 4, 7].map((sizeBytes, index) => ({ name: `item ${index}`, sizeBytes }));
  expect(largestOf(items, 3, bytes)).toEqual({
    listed: [items[1], items[3], items[5]],
    notListed: { count: 3, sizeBytes: 3 + 1 + 4 },
  });
});

test('nothing is said to be left out when everything fits; a limit of 0 lists nothing', () => {
  const items = [{ sizeBytes: 2 }, { sizeBytes: 5 }];
  expect(largestOf(items, 10, bytes)).toEqual({ listed: [items[1], items[0]] });
  expect(largestOf(items, 0, bytes)).toEqual({ listed: [], notListed: { count: 2, sizeBytes: 7 } });
  expect(largestOf([], 10, bytes)).toEqual({ listed: [] });
});
