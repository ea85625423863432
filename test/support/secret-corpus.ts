/**
 * Secrets in the places an ECS task definition carries them, each with the value a manifest
 * gives (desired) and the one a hand edit puts live (actual). None of these strings may leave
 * the process: no API body, no log line, no state item. Values stay JSON-safe (no quotes or
 * backslashes), so a search of serialised text finds them.
 */
export interface PlantedSecret {
  /** Where it sits and which rule must catch it. */
  readonly where: string;
  readonly desired: string;
  readonly actual: string;
}

export const SPLUNK_TOKEN: PlantedSecret = {
  where: 'logConfiguration.options["splunk-token"] (name rule; a GUID, which entropy does not catch)',
  desired: '8f2c1d9e-3b4a-4c5d-9e6f-7a8b9c0d1e2f',
  actual: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
};

export const DB_PASS: PlantedSecret = {
  where: 'environment DB_PASS (name rule, PASS as the last word)',
  desired: 'hunter2-desired',
  actual: 'letmein-actual',
};

export const CURL_IN_SHELL: PlantedSecret = {
  where: 'command ["sh", "-c", "curl -u admin:..."] (command rule inside one string)',
  desired: 'curl-shell-pw-desired',
  actual: 'curl-shell-pw-actual',
};

export const CURL_ARGV: PlantedSecret = {
  where: 'command ["curl", "-u", "deploy:...", ...] (command rule across arguments)',
  desired: 'curl-argv-pw-desired',
  actual: 'curl-argv-pw-actual',
};

export const API_TOKEN_FLAG: PlantedSecret = {
  where: 'command [..., "--api-token", "..."] (flag named like a secret)',
  desired: 'flag-token-desired',
  actual: 'flag-token-actual',
};

export const MYSQL_PASSWORD: PlantedSecret = {
  where: 'command ["mysql", "-uroot", "-p..."] (glued -p of a MySQL client)',
  desired: 'mysql-pw-desired',
  actual: 'mysql-pw-actual',
};

export const URL_PASSWORD: PlantedSecret = {
  where: 'environment UPSTREAM=https://svc:...@host (URL rule; the name says nothing)',
  desired: 'url-pw-desired',
  actual: 'url-pw-actual',
};

export const PGPASSWORD_ASSIGNMENT: PlantedSecret = {
  where: 'command ["sh", "-c", "PGPASSWORD=... psql"] (assignment rule)',
  desired: 'pg-assign-desired',
  actual: 'pg-assign-actual',
};

export const BEARER_HEADER: PlantedSecret = {
  where: 'command curl -H "Authorization: Bearer ..." (Authorization scheme rule)',
  desired: 'bearer-hdr-desired-0001',
  actual: 'bearer-hdr-actual-0002',
};

export const GENERATED_LABEL: PlantedSecret = {
  where: 'dockerLabels["com.example.build"] (entropy rule; the name says nothing)',
  desired: '3LRZHgEp9Q6w48jWlLrqkiacKt8Xaluu',
  actual: 'rA5mkqoDd0vxeFtZrDwCzWxbylhsZ9GZ',
};

export const API_KEY_LABEL: PlantedSecret = {
  where: 'dockerLabels["api-key"] (name rule on a map key)',
  desired: 'label-key-desired',
  actual: 'label-key-actual',
};

/** Not in a manifest: someone passes a credential in a URL, and request logs carry URLs. */
export const QUERY_TOKEN: PlantedSecret = {
  where: 'a request URL ?access_token=... (assignment rule on the logged URL)',
  desired: 'query-token-first',
  actual: 'query-token-second',
};

export const PLANTED: readonly PlantedSecret[] = [
  SPLUNK_TOKEN,
  DB_PASS,
  CURL_IN_SHELL,
  CURL_ARGV,
  API_TOKEN_FLAG,
  MYSQL_PASSWORD,
  URL_PASSWORD,
  PGPASSWORD_ASSIGNMENT,
  BEARER_HEADER,
  GENERATED_LABEL,
  API_KEY_LABEL,
  QUERY_TOKEN,
];

/** Every secret string of the corpus, both sides. */
export const SECRET_STRINGS: readonly string[] = PLANTED.flatMap((secret) => [secret.desired, secret.actual]);

/** The secrets of the corpus found in `text`, with where they were planted. */
export function leakedIn(text: string): string[] {
  return PLANTED.flatMap((secret) =>
    [secret.desired, secret.actual]
      .filter((value) => text.includes(value))
      .map((value) => `${value} (${secret.where})`),
  );
}

type Side = 'desired' | 'actual';

/** One container carrying every secret of the corpus, the way a task definition writes it. */
export function leakyContainers(side: Side): Record<string, unknown>[] {
  const v = (secret: PlantedSecret) => secret[side];
  return [
    {
      name: 'app',
      image: 'leaky:1',
      essential: true,
      command: [
        'sh',
        '-c',
        `curl -fsS -u admin:${v(CURL_IN_SHELL)} -H "Authorization: Bearer ${v(BEARER_HEADER)}" https://deploy.example.com/hook && PGPASSWORD=${v(PGPASSWORD_ASSIGNMENT)} psql -h db -c "select 1"`,
      ],
      environment: [
        { name: 'DB_PASS', value: v(DB_PASS) },
        { name: 'UPSTREAM', value: `https://svc:${v(URL_PASSWORD)}@upstream.internal/api` },
        { name: 'LOG_LEVEL', value: side === 'desired' ? 'info' : 'debug' },
      ],
      logConfiguration: {
        logDriver: 'splunk',
        options: { 'splunk-url': 'https://splunk.example.com:8088', 'splunk-token': v(SPLUNK_TOKEN) },
      },
      dockerLabels: { 'com.example.build': v(GENERATED_LABEL), 'api-key': v(API_KEY_LABEL) },
    },
    {
      name: 'tools',
      image: 'tools:1',
      essential: false,
      command: [
        'curl',
        '-u',
        `deploy:${v(CURL_ARGV)}`,
        'https://deploy.example.com/',
        '--api-token',
        v(API_TOKEN_FLAG),
      ],
      entryPoint: ['mysql', '-uroot', `-p${v(MYSQL_PASSWORD)}`, '-e', 'select 1'],
    },
  ];
}
