import type { Organisation } from '../../core/domain/organisation.js';

/** A synthetic organisation with the addresses the traffic generator needs to speak about it. */
export interface BenchOrganisation {
  organisation: Organisation;
  /** Prefix of its internal /24, e.g. `10.100.7`. */
  internalPrefix: string;
  /** Its public /28 start, e.g. `198.18.0.16`: firewalls and web servers are reached there. */
  publicBase: [number, number, number, number];
  domain: string;
}

/**
 * N municipalities with one internal /24 and one public /28 each (198.18.0.0/15 is the benchmarking
 * range of RFC 2544, so it never collides with the IOC lists' documentation addresses).
 */
export function createConstituency(count: number): BenchOrganisation[] {
  const out: BenchOrganisation[] = [];
  for (let i = 0; i < count; i++) {
    const id = `gemeinde-${String(i + 1).padStart(3, '0')}`;
    const internalPrefix = `10.${100 + (i >> 8)}.${i & 255}`;
    const publicBase: [number, number, number, number] = [198, 18 + (i >> 12), (i >> 4) & 255, (i & 15) * 16];
    const domain = `${id}.sachsen.example`;
    out.push({
      organisation: {
        id,
        name: `Gemeinde ${i + 1}`,
        kind: 'municipal',
        parentId: null,
        networks: [`${internalPrefix}.0/24`, `${publicBase.join('.')}/28`],
        domains: [domain],
        contacts: [],
        reportingRegime: 'section17',
        critical: false,
      },
      internalPrefix,
      publicBase,
      domain,
    });
  }
  return out;
}

export function publicAddress(org: BenchOrganisation, host: number): string {
  const [a, b, c, d] = org.publicBase;
  return `${a}.${b}.${c}.${d + (host % 14) + 1}`;
}

/**
 * The organisation's DNS resolver. Servers sit below the clients' range (.20–.250), so that no
 * client ever has the address of one: an address names one host, and story grouping relies on it.
 */
export function resolverAddress(org: BenchOrganisation): string {
  return `${org.internalPrefix}.2`;
}
