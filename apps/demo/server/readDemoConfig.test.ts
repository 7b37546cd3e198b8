import { describe, expect, it } from 'vitest';
import { DemoConfigError, readDemoConfig } from './readDemoConfig';

const fixedSecret = () => 'generated-secret';

function configError(environment: Record<string, string>): DemoConfigError {
  try {
    readDemoConfig(environment, fixedSecret);
  } catch (error) {
    if (error instanceof DemoConfigError) return error;
    throw error;
  }
  throw new Error('expected readDemoConfig to throw');
}

describe('readDemoConfig', () => {
  it('runs on embedded defaults: port 3000 against the sandbox simulating Coinbase', () => {
    const config = readDemoConfig({}, fixedSecret);
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.upstream).toEqual({
      kind: 'sandbox',
      provider: 'coinbase',
      verifyMs: 2000,
      dialect: 'spec',
    });
    expect(config.dataDirectory).toBeUndefined();
    expect(config.trustedProxyCount).toBe(0);
    expect(config.signInsPerMinute).toBe(10);
    expect(config.webhookSecretGenerated).toBe(true);
  });

  it('reads how many sign-ins an address may make a minute, and refuses a figure that is not one', () => {
    expect(readDemoConfig({ KYC_SIGN_IN_LIMIT: '1000' }, fixedSecret).signInsPerMinute).toBe(1000);
    for (const raw of ['0', '2.5', 'many', '100001'])
      expect(configError({ KYC_SIGN_IN_LIMIT: raw }).variables).toEqual(['KYC_SIGN_IN_LIMIT']);
  });

  it('reads the port and the sandbox verification delay', () => {
    const config = readDemoConfig({ PORT: '3100', KYC_SANDBOX_VERIFY_MS: '300' }, fixedSecret);
    expect(config.port).toBe(3100);
    expect(config.publicUrl).toBe('http://localhost:3100');
    expect(config.upstream).toEqual({
      kind: 'sandbox',
      provider: 'coinbase',
      verifyMs: 300,
      dialect: 'spec',
    });
  });

  it("speaks the guides' dialect with KYC_SANDBOX_DIALECT=guides, and refuses an unknown one", () => {
    expect(readDemoConfig({ KYC_SANDBOX_DIALECT: 'guides' }, fixedSecret).upstream).toMatchObject({
      kind: 'sandbox',
      dialect: 'guides',
    });
    expect(configError({ KYC_SANDBOX_DIALECT: 'openapi' }).variables).toEqual(['KYC_SANDBOX_DIALECT']);
  });

  it('runs the sandbox as OMS with KYC_UPSTREAM=sandbox-oms or KYC_SANDBOX_PROVIDER=oms', () => {
    expect(readDemoConfig({ KYC_UPSTREAM: 'sandbox-oms' }, fixedSecret).upstream).toMatchObject({
      provider: 'oms',
    });
    expect(readDemoConfig({ KYC_SANDBOX_PROVIDER: 'oms' }, fixedSecret).upstream).toMatchObject({
      provider: 'oms',
    });
  });

  it('refuses a real Coinbase upstream without credentials and names both variables', () => {
    const error = configError({ KYC_UPSTREAM: 'coinbase' });
    expect(error.variables).toEqual(['CDP_API_KEY_ID', 'CDP_API_KEY_SECRET']);
    expect(error.message).toContain('CDP_API_KEY_ID and CDP_API_KEY_SECRET');
  });

  it('names only the credential that is missing', () => {
    const error = configError({ KYC_UPSTREAM: 'oms', OMS_API_KEY: 'key' });
    expect(error.variables).toEqual(['OMS_API_SECRET']);
    expect(error.message).toContain('KYC_UPSTREAM=oms needs OMS_API_SECRET');
  });

  it('treats a blank credential as missing', () => {
    const error = configError({ KYC_UPSTREAM: 'oms', OMS_API_KEY: '  ', OMS_API_SECRET: 'secret' });
    expect(error.variables).toEqual(['OMS_API_KEY']);
  });

  it('accepts a Coinbase key whose PEM line breaks were written as \\n', () => {
    const config = readDemoConfig(
      {
        KYC_UPSTREAM: 'coinbase',
        CDP_API_KEY_ID: 'key-id',
        CDP_API_KEY_SECRET: '-----BEGIN EC PRIVATE KEY-----\\nabc\\n-----END EC PRIVATE KEY-----',
        KYC_WEBHOOK_SECRET: 'hook',
      },
      fixedSecret,
    );
    expect(config.upstream).toEqual({
      kind: 'coinbase',
      baseUrl: 'https://api.cdp.coinbase.com/platform',
      apiKeyId: 'key-id',
      apiKeySecret: '-----BEGIN EC PRIVATE KEY-----\nabc\n-----END EC PRIVATE KEY-----',
    });
    expect(config.webhookSecret).toBe('hook');
    expect(config.webhookSecretGenerated).toBe(false);
  });

  it('uses the OMS production base URL unless OMS_BASE_URL points elsewhere', () => {
    const credentials = { KYC_UPSTREAM: 'oms', OMS_API_KEY: 'key', OMS_API_SECRET: 'secret' };
    expect(readDemoConfig(credentials, fixedSecret).upstream).toMatchObject({
      baseUrl: 'https://api.polygon.technology/v0.9',
    });
    expect(
      readDemoConfig(
        { ...credentials, OMS_BASE_URL: 'https://sandbox-api.polygon.technology/v0.9' },
        fixedSecret,
      ).upstream,
    ).toMatchObject({ baseUrl: 'https://sandbox-api.polygon.technology/v0.9' });
  });

  it('rejects an unknown upstream name and lists the choices', () => {
    const error = configError({ KYC_UPSTREAM: 'stripe' });
    expect(error.variables).toEqual(['KYC_UPSTREAM']);
    expect(error.message).toContain('sandbox, sandbox-oms, coinbase, oms');
  });

  it('rejects a port or delay that is not a whole number', () => {
    expect(configError({ PORT: 'eighty' }).variables).toEqual(['PORT']);
    expect(configError({ PORT: '70000' }).variables).toEqual(['PORT']);
    expect(configError({ KYC_SANDBOX_VERIFY_MS: '-5' }).variables).toEqual(['KYC_SANDBOX_VERIFY_MS']);
  });

  it('reads where state is kept: KYC_DATA_DIR, or Postgres with KYC_DATABASE_URL', () => {
    expect(readDemoConfig({ KYC_DATA_DIR: '/var/lib/northwind' }, fixedSecret).dataDirectory).toBe(
      '/var/lib/northwind',
    );
    expect(
      readDemoConfig({ KYC_DATABASE_URL: 'postgres://app@db.internal/northwind' }, fixedSecret).databaseUrl,
    ).toBe('postgres://app@db.internal/northwind');
    expect(configError({ KYC_DATABASE_URL: 'mysql://db' }).variables).toEqual(['KYC_DATABASE_URL']);
    expect(readDemoConfig({ KYC_TRUSTED_PROXIES: '1' }, fixedSecret).trustedProxyCount).toBe(1);
    expect(configError({ KYC_TRUSTED_PROXIES: '-1' }).variables).toEqual(['KYC_TRUSTED_PROXIES']);
  });

  it('reduces PUBLIC_URL to its origin', () => {
    expect(readDemoConfig({ PUBLIC_URL: 'https://demo.example.com/some/path' }, fixedSecret).publicUrl).toBe(
      'https://demo.example.com',
    );
    expect(configError({ PUBLIC_URL: 'not a url' }).variables).toEqual(['PUBLIC_URL']);
  });
});
