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

  it('a writer, after close, has committed what it was given and reports no failure', async () => {
    const failures: Error[] = [];
    const writer = new WriterThread(tempDataDir(), (error) => void failures.push(error));

    const written = await writer.write([{ ...postCreated('p1') }, { ...postCreated('p2') }]);
    await writer.close();

    expect(written.head).toBe(2);
    expect(failures).toEqual([]);
  });
});
