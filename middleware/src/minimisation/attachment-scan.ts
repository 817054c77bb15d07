/**
 * Which comment attachments are scanned (C03-C05): text files up to a size cap are downloaded and
 * run through the same detectors as comment text; a file with something to remove is replaced
 * whole (Zendesk redacts attachments only whole, as an empty "redacted.txt"). Images, PDFs and
 * other binaries, and text files over the cap, are named in the internal note as not scanned.
 */

/** The default of ATTACHMENT_SCAN_MAX_KB: text attachments larger than this are not downloaded (named as not scanned instead). */
export const ATTACHMENT_SCAN_MAX_BYTES = 1024 * 1024;

/**
 * Plain-text formats support tickets carry: logs, exports, configuration and environment files; then the files that
 * hold credentials by their purpose, which Zendesk lists as application/octet-stream: private keys (PEM, PuTTY, the
 * OpenSSH names without an extension), .pgpass, .netrc, .npmrc, .pypirc, .git-credentials, .s3cfg, the AWS
 * `credentials` file, web.config, OpenVPN and RDP profiles, scripts, shell histories, and backup copies of a config
 * ("wp-config.php.bak"). The last part of the name decides; a binary file under such a name is caught by its NUL bytes
 * (attachmentText) and named as not scanned.
 */
const TEXT_EXTENSIONS = new Set([
  'txt', 'log', 'csv', 'tsv', 'env', 'conf', 'cfg', 'cnf', 'ini', 'json', 'yaml', 'yml', 'xml', 'md', 'sql', 'sh', 'php', 'properties', 'toml', 'htaccess', 'htpasswd',
  'pem', 'key', 'ppk', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'pgpass', 'netrc', 'npmrc', 'pypirc', 'git-credentials', 's3cfg', 'credentials',
  'config', 'ovpn', 'rdp', 'ps1', 'bat', 'cmd', 'py', 'rb', 'js', 'bash_history', 'zsh_history', 'mysql_history', 'psql_history',
  'bak', 'old', 'orig', 'dist', 'sample', 'example',
]);

export type AttachmentPlan = 'scan' | 'binary' | 'too_large' | 'empty';

export interface AttachmentFacts {
  file_name?: unknown;
  content_type?: unknown;
  size?: unknown;
  content_url?: unknown;
}

/** What to do with one attachment, from what Zendesk lists about it (never its content). */
export function attachmentPlan(attachment: AttachmentFacts, maxBytes: number = ATTACHMENT_SCAN_MAX_BYTES): AttachmentPlan {
  const name = typeof attachment.file_name === 'string' ? attachment.file_name.toLowerCase() : '';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  const type = typeof attachment.content_type === 'string' ? attachment.content_type.toLowerCase() : '';
  const textual = TEXT_EXTENSIONS.has(extension) || type.startsWith('text/');
  if (!textual || typeof attachment.content_url !== 'string') return 'binary';
  const size = typeof attachment.size === 'number' ? attachment.size : undefined;
  if (size === 0) return 'empty';
  if (maxBytes <= 0 || (size !== undefined && size > maxBytes)) return 'too_large';
  return 'scan';
}

/** The file as text, or undefined when it is not text after all (NUL bytes near the start). */
export function attachmentText(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  return bytes.toString('utf8');
}
