import fs from 'node:fs';
import path from 'node:path';
import { LogUnavailableError, WriterThread } from '../src/writer-thread';
import { eventually, postCreated, tempDataDir } from './helpers';

describe('WriterThread', () => {
  it('a writer whose data folder cannot be opened fails every write with a 503 error and reports the failure once', async () => {
    // Arrange: a file where the data folder should be.
    const dir = tempDataDir();
    const notAFolder = path.join(dir, 'blocked');
    fs.writeFileSync(notAFolder, 'not a folder');
    const failures: Error[] = [];
    const writer = new WriterThread(notAFolder, (error) => void failures.push(error));
    await eventually(() => failures.length > 0, 'the failure report');

    // Act
    const write = writer.write([{ ...postCreated('p1') }]);

    // Assert
    await expect(write).rejects.toBeInstanceOf(LogUnavailableError);
    await expect(write).rejects.toMatchObject({ status: 503 });
    expect(failures).toHaveLength(1);
  });

  it('writes posted without waiting are each answered with their own events, in order and gap-free', async () => {
    // Arrange
    const writer = new WriterThread(tempDataDir());
    try {
      // Act: three writes in flight at once (the thread may commit them together)
      const written = await Promise.all([
        writer.write([{ ...postCreated('p1') }, { ...postCreated('p2') }]),
        writer.write([{ ...postCreated('p3') }]),
        writer.write([{ ...postCreated('p4') }, { ...postCreated('p5') }, { ...postCreated('p6') }]),
      ]);

      // Assert
      expect(written.map((w) => w.results.map((r) => r.seq))).toEqual([[1, 2], [3], [4, 5, 6]]);
      expect(written.map((w) => w.head)).toEqual([2, 3, 6]);
      expect(written.flatMap((w) => w.results.map((r) => (JSON.parse(r.json) as { data: { id: string } }).data.id))).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    } finally {
      await writer.close();
    }
  });

  it('a write whose transaction fails is refused with a 503 error, and the writer goes on taking writes', async () => {
    const writer = new WriterThread(tempDataDir());
    try {
      // A BigInt survives the trip to the thread but not JSON.stringify: the transaction throws and rolls back.
      const refused = writer.write([{ type: 'PostCreated', data: { id: 'p1', title: 1n } } as never]);
      await expect(refused).rejects.toBeInstanceOf(LogUnavailableError);

      const written = await writer.write([{ ...postCreated('p2') }]);

      expect(written.results.map((r) => r.seq)).toEqual([1]);
    } finally {
      await writer.close();
    }
  });

  it('a writer, after close, has committed what it was given and reports no failure', async () => {
    const failures: Error[] = [];
    const writer = new WriterThread(tempDataDir(), (error) => void failures.push(error));

    const written = await writer.write([{ ...postCreated('p1') }, { ...postCreated('p2') }]);
    await writer.close();

    expect(written.head).toBe(2);
    expect(failures).toEqual([]);
  });
});
