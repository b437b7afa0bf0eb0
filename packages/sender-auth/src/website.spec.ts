import { describe, expect, it } from 'vitest';
import { siteName } from './website.js';

describe('web site name', () => {
  it('takes the label before the top-level domain, without scheme, www, port or path', () => {
    expect(siteName('tdc.ge')).toEqual({ host: 'tdc.ge', label: 'tdc', suffix: 'ge', kind: 'domain' });
    expect(siteName('https://www.TDC.ge:8443/about?x=1#top')).toEqual({
      host: 'tdc.ge',
      label: 'tdc',
      suffix: 'ge',
      kind: 'domain',
    });
    expect(siteName('http://shop.tbilisi-dental.com/')?.label).toBe('tbilisi-dental');
    expect(siteName('m.tdc.ge')?.host).toBe('tdc.ge');
  });

  it('knows the second-level suffixes of .ge', () => {
    expect(siteName('www.tdc.com.ge')).toEqual({ host: 'tdc.com.ge', label: 'tdc', suffix: 'com.ge', kind: 'domain' });
    expect(siteName('school.edu.ge')?.label).toBe('school');
  });

  it('reads the page name of a Facebook or Instagram address', () => {
    expect(siteName('https://www.facebook.com/TbilisiDental/')).toEqual({
      host: 'facebook.com/tbilisidental',
      label: 'tbilisidental',
      suffix: '',
      kind: 'social_page',
    });
    expect(siteName('instagram.com/@tdc.ge')?.label).toBe('tdc.ge');
    expect(siteName('facebook.com/pages/TDC/123')?.label).toBe('tdc');
    expect(siteName('https://facebook.com/profile.php?id=100')).toBeNull();
  });

  it('has nothing to read in an empty address or an IP address', () => {
    expect(siteName(null)).toBeNull();
    expect(siteName(undefined)).toBeNull();
    expect(siteName('  ')).toBeNull();
    expect(siteName('http://192.168.0.1/')).toBeNull();
    expect(siteName('http://[::1]:80/')).toBeNull();
  });

  it('keeps a Georgian domain for transliteration', () => {
    expect(siteName('თბილისი.გე')).toMatchObject({ label: 'თბილისი', suffix: 'გე' });
  });
});
