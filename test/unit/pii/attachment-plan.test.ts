import { describe, expect, it } from 'vitest';
import { ATTACHMENT_SCAN_MAX_BYTES, attachmentPlan, attachmentText } from '../../../middleware/src/minimisation/attachment-scan.js';
import { renderRedactionNote } from '../../../middleware/src/minimisation/redaction-note-texts.js';
import { ConfigError } from '../../../middleware/src/config.js';
import { testConfig } from '../../helpers/test-config.js';

const url = 'https://acme.zendesk.com/attachments/token/x/?name=f';

describe('which attachments are scanned (C04, C05)', () => {
  it('C04 when an attachment is a text, log, csv, env or conf file under the cap, then it is scanned, whatever its declared content type', () => {
    for (const name of ['notes.txt', 'install.LOG', 'export.csv', '.env', 'nginx.conf', 'wp-config.php', 'my.cnf']) {
      expect(attachmentPlan({ file_name: name, content_type: 'application/octet-stream', size: 2_000, content_url: url }), name).toBe('scan');
    }
    expect(attachmentPlan({ file_name: 'README', content_type: 'text/plain; charset=utf-8', size: 10, content_url: url })).toBe('scan');
  });

  it('C05 when an attachment is a file that holds credentials by its purpose (a key, .pgpass, .netrc, web.config, a shell history, a config backup), then it is scanned although Zendesk lists it as octet-stream', () => {
    const names = [
      'server.pem', 'tls.key', 'putty.ppk', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', '.pgpass', '.netrc', '.npmrc', '.pypirc', '.git-credentials', '.s3cfg', 'credentials',
      'web.config', 'client.ovpn', 'office.rdp', 'deploy.ps1', 'backup.bat', 'setup.cmd', 'settings.py', 'database.rb', 'config.js', '.bash_history', '.zsh_history',
      '.mysql_history', '.psql_history', 'wp-config.php.bak', 'settings.php.old', 'my.cnf.orig', '.env.dist', 'config.sample', '.env.example',
    ];
    for (const name of names) {
      expect(attachmentPlan({ file_name: name, content_type: 'application/octet-stream', size: 2_000, content_url: url }), name).toBe('scan');
    }
    expect(attachmentPlan({ file_name: 'id_rsa.pub.zip', content_type: 'application/zip', size: 10, content_url: url })).toBe('binary');
  });

  it('C04 when an attachment is an image, a PDF or an archive, or a text file over the cap, then it is not scanned', () => {
    expect(attachmentPlan({ file_name: 'photo.jpg', content_type: 'image/jpeg', size: 10, content_url: url })).toBe('binary');
    expect(attachmentPlan({ file_name: 'invoice.pdf', content_type: 'application/pdf', size: 10, content_url: url })).toBe('binary');
    expect(attachmentPlan({ file_name: 'backup.zip', content_type: 'application/zip', size: 10, content_url: url })).toBe('binary');
    expect(attachmentPlan({ file_name: 'huge.log', content_type: 'text/plain', size: ATTACHMENT_SCAN_MAX_BYTES + 1, content_url: url })).toBe('too_large');
    expect(attachmentPlan({ file_name: 'redacted.txt', content_type: 'text/plain', size: 0, content_url: url })).toBe('empty');
    expect(attachmentPlan({ file_name: 'notes.txt', content_type: 'text/plain', size: 10 })).toBe('binary');
  });

  it('C04 when ATTACHMENT_SCAN_MAX_KB is set, then it is the cap in KiB (1 MiB by default, 0 scans no file, more than the 2 MiB a scan reads is refused)', () => {
    expect(testConfig().attachmentScanMaxBytes).toBe(ATTACHMENT_SCAN_MAX_BYTES);
    const cap = testConfig({ ATTACHMENT_SCAN_MAX_KB: '64' }).attachmentScanMaxBytes;
    expect(cap).toBe(64 * 1024);
    expect(attachmentPlan({ file_name: 'app.log', content_type: 'text/plain', size: cap, content_url: url }, cap)).toBe('scan');
    expect(attachmentPlan({ file_name: 'app.log', content_type: 'text/plain', size: cap + 1, content_url: url }, cap)).toBe('too_large');
    expect(attachmentPlan({ file_name: 'app.log', content_type: 'text/plain', size: 10, content_url: url }, 0)).toBe('too_large');
    expect(() => testConfig({ ATTACHMENT_SCAN_MAX_KB: '4096' })).toThrow(ConfigError);
    expect(() => testConfig({ ATTACHMENT_SCAN_MAX_KB: 'lots' })).toThrow(/ATTACHMENT_SCAN_MAX_KB/);
  });

  it('C04 when a "text" file holds NUL bytes near its start, then it is treated as binary', () => {
    expect(attachmentText(Buffer.from('password: x\n'))).toBe('password: x\n');
    expect(attachmentText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBeUndefined();
  });

  it('C04 C05 when attachments were replaced and others not scanned, then the note names both, in the account locale', () => {
    const note = renderRedactionNote({ credential: { items: 1, comments: 1 } }, 'de', ['photo.jpg'], ['server.env']);
    expect(note).toContain('durch eine leere redacted.txt ersetzt: server.env');
    expect(note).toContain('Nicht geprüfte Anhänge (bitte von Hand prüfen): photo.jpg');
  });
});
