/** ECS categorisation of one Windows event id. */
export interface WindowsEventMapping {
  action: string;
  category: string[];
  type: string[];
  outcome: 'success' | 'failure';
  /** Which event data field names the user the event is about. */
  user: 'TargetUserName' | 'SubjectUserName';
  /** Group membership changes name the group in TargetUserName. */
  group?: true;
}

// Event ids and their meaning from Microsoft's "Advanced security audit policy" event reference and,
// for 7045, the Service Control Manager's System channel events.
export const windowsSecurityEvents: ReadonlyMap<string, WindowsEventMapping> = new Map([
  ['4624', { action: 'logged-in', category: ['authentication'], type: ['start'], outcome: 'success', user: 'TargetUserName' }],
  ['4625', { action: 'logon-failed', category: ['authentication'], type: ['start'], outcome: 'failure', user: 'TargetUserName' }],
  ['4634', { action: 'logged-out', category: ['authentication'], type: ['end'], outcome: 'success', user: 'TargetUserName' }],
  ['4648', { action: 'logged-in-explicit', category: ['authentication'], type: ['start'], outcome: 'success', user: 'TargetUserName' }],
  ['4672', { action: 'logged-in-special', category: ['iam'], type: ['admin'], outcome: 'success', user: 'SubjectUserName' }],
  ['4688', { action: 'created-process', category: ['process'], type: ['start'], outcome: 'success', user: 'SubjectUserName' }],
  ['4720', { action: 'added-user-account', category: ['iam'], type: ['user', 'creation'], outcome: 'success', user: 'TargetUserName' }],
  ['4722', { action: 'enabled-user-account', category: ['iam'], type: ['user', 'change'], outcome: 'success', user: 'TargetUserName' }],
  ['4724', { action: 'reset-password', category: ['iam'], type: ['user', 'change'], outcome: 'success', user: 'TargetUserName' }],
  ['4728', { action: 'added-member-to-group', category: ['iam'], type: ['group', 'change'], outcome: 'success', user: 'SubjectUserName', group: true }],
  ['4732', { action: 'added-member-to-group', category: ['iam'], type: ['group', 'change'], outcome: 'success', user: 'SubjectUserName', group: true }],
  ['4740', { action: 'locked-out-user-account', category: ['iam'], type: ['user', 'change'], outcome: 'success', user: 'TargetUserName' }],
  ['4756', { action: 'added-member-to-group', category: ['iam'], type: ['group', 'change'], outcome: 'success', user: 'SubjectUserName', group: true }],
  ['1102', { action: 'audit-log-cleared', category: ['configuration'], type: ['deletion'], outcome: 'success', user: 'SubjectUserName' }],
  ['7045', { action: 'service-installed', category: ['configuration'], type: ['creation'], outcome: 'success', user: 'SubjectUserName' }],
]);
