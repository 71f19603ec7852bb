import { createOutputFormat } from './output-format';

const json = JSON.stringify({ level: 30, time: 1_700_000_000_000, pid: 7, hostname: 'h', name: 'worker', strategy_id: 's-1', msg: 'BUY executed' });

describe('createOutputFormat', () => {
  it('prefixes lines with an aligned tag and passes JSON through when not at a terminal', () => {
    const format = createOutputFormat(false);
    expect(format.format('api', json)).toEqual([`[api]       ${json}`]);
    expect(format.format('temporal', 'Server: 127.0.0.1:7233')).toEqual(['[temporal]  Server: 127.0.0.1:7233']);
  });

  it('colors the tag and pretty-prints pino JSON at a terminal', () => {
    const [line] = createOutputFormat(true).format('worker', json);
    // eslint-disable-next-line no-control-regex
    const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
    expect(line).toContain('\u001b[33m[worker]');
    expect(plain).toMatch(/^\[worker\]\s+\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(worker\): BUY executed .*"strategy_id":"s-1"/);
    expect(plain).not.toContain('hostname');
  });

  it('leaves text that only looks like JSON alone', () => {
    expect(createOutputFormat(true).format('api', '{not json')[0]).toMatch(/\{not json$/);
  });
});
