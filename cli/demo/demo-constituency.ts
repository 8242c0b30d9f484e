import type { Organisation } from '../../core/domain/organisation.js';

/**
 * A small Saxon constituency for `--demo`: the CERT, two state bodies, a county with three of its
 * municipalities and their IT service provider. Networks are private ranges invented for the demo;
 * names and contacts are fictitious.
 */
const contact = (domain: string, name: string) => [
  { role: 'isb' as const, name, email: `isb@${domain}`, phone: '+49 351 000000' },
  { role: 'isb_deputy' as const, name: `Vertretung ${name}`, email: `isb-vertretung@${domain}` },
];

export const DEMO_ORGANISATIONS: Organisation[] = [
  { id: 'sax-cert', name: 'SAX.CERT', kind: 'cert', parentId: null, networks: ['10.10.0.0/16'], domains: ['cert.sachsen.example'], contacts: contact('cert.sachsen.example', 'Lagezentrum SAX.CERT'), reportingRegime: 'none', critical: true },
  { id: 'smi', name: 'Sächsisches Staatsministerium des Innern', kind: 'state', parentId: null, networks: ['10.20.0.0/16'], domains: ['smi.sachsen.example'], contacts: contact('smi.sachsen.example', 'Dr. Anna Weber'), reportingRegime: 'section16', critical: true },
  { id: 'lds', name: 'Landesdirektion Sachsen', kind: 'state', parentId: 'smi', networks: ['10.21.0.0/16'], domains: ['lds.sachsen.example'], contacts: contact('lds.sachsen.example', 'Jens Richter'), reportingRegime: 'section16', critical: false },
  { id: 'kisa', name: 'Kommunale Informationsverarbeitung Sachsen', kind: 'provider', parentId: null, networks: ['10.60.0.0/16'], domains: ['kisa.example'], contacts: contact('kisa.example', 'Petra Lange'), reportingRegime: 'section17', critical: true },
  { id: 'lk-meissen', name: 'Landkreis Meißen', kind: 'municipal', parentId: null, networks: ['10.50.0.0/16'], domains: ['kreis-meissen.example'], contacts: contact('kreis-meissen.example', 'Thomas Krause'), reportingRegime: 'section17', critical: false },
  { id: 'radebeul', name: 'Große Kreisstadt Radebeul', kind: 'municipal', parentId: 'lk-meissen', networks: ['10.51.0.0/16'], domains: ['radebeul.example'], contacts: contact('radebeul.example', 'Sabine Hoffmann'), reportingRegime: 'section17', critical: false },
  { id: 'moritzburg', name: 'Gemeinde Moritzburg', kind: 'municipal', parentId: 'lk-meissen', networks: ['10.52.0.0/16'], domains: ['moritzburg.example'], contacts: contact('moritzburg.example', 'Michael Schulz'), reportingRegime: 'section17', critical: false },
  { id: 'grossenhain', name: 'Große Kreisstadt Großenhain', kind: 'municipal', parentId: 'lk-meissen', networks: ['10.53.0.0/16'], domains: ['grossenhain.example'], contacts: contact('grossenhain.example', 'Kerstin Wolf'), reportingRegime: 'section17', critical: false },
];
