import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../../core/config.js';
import { WARNING_SEVERITIES } from '../../../../core/domain/warning.js';
import { approvalMandatory } from '../../../../workflows/warnings/approval-mandatory.js';

describe('workflows > warnings > approval mandatory', () => {
  const mandatory = (settings: { approvalMinSeverity: (typeof WARNING_SEVERITIES)[number] }) => WARNING_SEVERITIES.filter((severity) => approvalMandatory(severity, settings));

  it('by default hoch and kritisch always need a second analyst', () => {
    expect(mandatory({ approvalMinSeverity: loadConfig({}).warningApprovalMinSeverity })).to.deep.equal(['hoch', 'kritisch']);
  });

  it('follows LAGEBILD_WARNING_APPROVAL_MIN_SEVERITY', () => {
    expect(mandatory({ approvalMinSeverity: loadConfig({ LAGEBILD_WARNING_APPROVAL_MIN_SEVERITY: 'mittel' }).warningApprovalMinSeverity })).to.deep.equal(['mittel', 'hoch', 'kritisch']);
    expect(mandatory({ approvalMinSeverity: 'kritisch' })).to.deep.equal(['kritisch']);
  });

  it('refuses a severity the domain does not know at start', () => {
    expect(() => loadConfig({ LAGEBILD_WARNING_APPROVAL_MIN_SEVERITY: 'high' })).to.throw(ConfigError, /LAGEBILD_WARNING_APPROVAL_MIN_SEVERITY/);
  });
});
