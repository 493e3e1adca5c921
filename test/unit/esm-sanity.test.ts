import * as vc from '@digitalbazaar/vc';
import { describe, it, expect } from '@jest/globals';
describe('esm', () => { it('loads vc', () => { expect(typeof (vc as any).issue).toBe('function'); }); });
