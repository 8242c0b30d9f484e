import { isIP } from 'node:net';
import { z } from 'zod';

const cidr = z.string().refine((value) => {
  const [address, bits, ...rest] = value.split('/');
  const family = isIP(address ?? '');
  const prefix = Number(bits);
  return rest.length === 0 && family !== 0 && Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128);
}, 'a network in CIDR notation, e.g. 10.20.0.0/16');

export const contactSchema = z.strictObject({
  role: z.enum(['isb', 'isb_deputy', 'it', 'head']),
  name: z.string().min(1).max(200),
  email: z.email(),
  phone: z.string().max(50).optional(),
});

const fields = {
  name: z.string().min(1).max(300),
  kind: z.enum(['cert', 'state', 'municipal', 'provider']),
  parentId: z.string().min(1).nullable(),
  networks: z.array(cidr).max(1000),
  domains: z.array(z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, 'a domain name')).max(1000),
  contacts: z.array(contactSchema).max(50),
  reportingRegime: z.enum(['section16', 'section17', 'none']),
  critical: z.boolean(),
};

export const organisationSchema = z.object({ id: z.string(), ...fields });

export const createOrganisationBody = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,99}$/, 'lower-case letters, digits and dashes'),
  ...fields,
  parentId: fields.parentId.default(null),
  networks: fields.networks.default([]),
  domains: fields.domains.default([]),
  contacts: fields.contacts.default([]),
  critical: fields.critical.default(false),
});

export const updateOrganisationBody = z
  .strictObject({
    name: fields.name.optional(),
    kind: fields.kind.optional(),
    parentId: fields.parentId.optional(),
    networks: fields.networks.optional(),
    domains: fields.domains.optional(),
    contacts: fields.contacts.optional(),
    reportingRegime: fields.reportingRegime.optional(),
    critical: fields.critical.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
