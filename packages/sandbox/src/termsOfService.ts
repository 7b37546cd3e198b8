import type { SandboxDatabase } from './openSandboxDatabase';

/** The version every new sandbox publishes, named as the spec's examples name it. */
export const DEFAULT_TOS_VERSION_ID = 'us_individual_2026-05-29';

/** The languages the sandbox can write a Terms of Service document in. */
export const TOS_DOCUMENT_LANGUAGES = ['en', 'es'] as const;

/** A language the sandbox has a Terms of Service text for. */
export type TosDocumentLanguage = (typeof TOS_DOCUMENT_LANGUAGES)[number];

/** A published Terms of Service version. */
export interface PublishedTosVersion {
  versionId: string;
  languages: string[];
  publishedAt: string;
  /** When set, the `tos` requirement carries this deadline (and turns overdue after it). */
  deadline?: string;
}

interface TosRow {
  version_id: string;
  languages: string;
  published_at: string;
  deadline: string | null;
}

/** Every published version, oldest first. */
export function listTosVersions(database: SandboxDatabase): PublishedTosVersion[] {
  const rows = database
    .prepare('SELECT version_id, languages, published_at, deadline FROM tos_versions ORDER BY sequence')
    .all() as TosRow[];
  return rows.map((row) => ({
    versionId: row.version_id,
    languages: JSON.parse(row.languages) as string[],
    publishedAt: row.published_at,
    ...(row.deadline === null ? {} : { deadline: row.deadline }),
  }));
}

/** The version customers must have accepted: the latest one published. */
export function currentTosVersion(database: SandboxDatabase): PublishedTosVersion {
  const versions = listTosVersions(database);
  const latest = versions.at(-1);
  if (latest === undefined) throw new Error('No Terms of Service version is published.');
  return latest;
}

/** Publishes a version (or replaces one with the same id), making it the current one. */
export function publishTosVersion(
  database: SandboxDatabase,
  version: PublishedTosVersion,
): PublishedTosVersion {
  const next = database.prepare('SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM tos_versions').get() as {
    next: number;
  };
  database
    .prepare(
      `INSERT INTO tos_versions (version_id, sequence, languages, published_at, deadline) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (version_id) DO UPDATE SET sequence = excluded.sequence, languages = excluded.languages,
         published_at = excluded.published_at, deadline = excluded.deadline`,
    )
    .run(
      version.versionId,
      next.next,
      JSON.stringify(version.languages),
      version.publishedAt,
      version.deadline ?? null,
    );
  return version;
}

/** Publishes the default version when the database has none (first start, or after a reset). */
export function ensureDefaultTosVersion(database: SandboxDatabase, now: string): void {
  const count = database.prepare('SELECT COUNT(*) AS count FROM tos_versions').get() as { count: number };
  if (count.count === 0) {
    publishTosVersion(database, {
      versionId: DEFAULT_TOS_VERSION_ID,
      languages: ['en', 'es'],
      publishedAt: now,
    });
  }
}

/** The language-agnostic document address the spec puts in `tosVersions[].url`; `?lang=` picks a translation. */
export function tosDocumentUrl(publicUrl: string, versionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tos/${encodeURIComponent(versionId)}`;
}

/** A rendered Terms of Service document. */
export interface TosDocument {
  versionId: string;
  language: TosDocumentLanguage;
  title: string;
  html: string;
}

interface TosText {
  title: string;
  intro: string;
  sections: { heading: string; paragraphs: string[] }[];
  versionLine: (versionId: string) => string;
}

const englishText: TosText = {
  title: 'Sandbox Terms of Service',
  intro:
    'These terms govern the simulated accounts created in the kyc-kit sandbox. They are written to read like a real agreement so that you can test how your product shows one, but they bind nobody: no account, balance or transfer in the sandbox is real.',
  sections: [
    {
      heading: '1. Who these terms are between',
      paragraphs: [
        'The terms are between you, the person opening the account, and the provider that holds your balances and carries out your instructions. The company whose app you are using passes your instructions to the provider and shows you your account information.',
      ],
    },
    {
      heading: '2. Verifying who you are',
      paragraphs: [
        'Before an account can be used, the provider has to confirm your identity. You agree to give your legal name, date of birth, home address and taxpayer identification number, and to keep them up to date.',
        'The provider may ask for more information later, for example when the law changes or when you ask to use a new feature. Some features stay unavailable until that information has been checked.',
      ],
    },
    {
      heading: '3. Using your account',
      paragraphs: [
        'You may use the account only for yourself and only for lawful purposes. You may not open an account for someone else, share your access, or use the account to hide where money came from.',
        'The provider may limit, pause or close an account when it is required to do so by law or by its compliance program. When that happens, it does not always have to tell you why.',
      ],
    },
    {
      heading: '4. Your information',
      paragraphs: [
        'The provider keeps the information you give it to run your account and to meet its legal duties. It does not sell that information. The app you are using sees only what it needs to show you the state of your account.',
      ],
    },
    {
      heading: '5. Changes to these terms',
      paragraphs: [
        'The provider may publish a new version of these terms. When it does, you will be asked to read and accept the new version before some features can be used again. Earlier acceptances stay on record.',
      ],
    },
    {
      heading: '6. Questions',
      paragraphs: [
        'If you have a question about your account, contact the support team of the app you are using. They can reach the provider on your behalf.',
      ],
    },
  ],
  versionLine: (versionId) => `Version ${versionId}.`,
};

const spanishText: TosText = {
  title: 'Términos de servicio del entorno de pruebas',
  intro:
    'Estos términos rigen las cuentas simuladas que se crean en el entorno de pruebas de kyc-kit. Están redactados como un contrato real para que pueda comprobar cómo los muestra su producto, pero no obligan a nadie: ninguna cuenta, saldo o transferencia del entorno de pruebas es real.',
  sections: [
    {
      heading: '1. Entre quiénes se celebran estos términos',
      paragraphs: [
        'Los términos se celebran entre usted, la persona que abre la cuenta, y el proveedor que custodia sus saldos y ejecuta sus instrucciones. La empresa cuya aplicación utiliza transmite sus instrucciones al proveedor y le muestra la información de su cuenta.',
      ],
    },
    {
      heading: '2. Verificación de su identidad',
      paragraphs: [
        'Antes de poder usar una cuenta, el proveedor debe confirmar su identidad. Usted se compromete a facilitar su nombre legal, fecha de nacimiento, domicilio y número de identificación fiscal, y a mantenerlos actualizados.',
        'El proveedor puede pedirle más información más adelante, por ejemplo cuando cambie la ley o cuando solicite una nueva función. Algunas funciones seguirán sin estar disponibles hasta que esa información se haya comprobado.',
      ],
    },
    {
      heading: '3. Uso de su cuenta',
      paragraphs: [
        'Solo puede usar la cuenta para usted y con fines lícitos. No puede abrir una cuenta en nombre de otra persona, compartir su acceso ni usar la cuenta para ocultar el origen del dinero.',
        'El proveedor puede limitar, suspender o cerrar una cuenta cuando la ley o su programa de cumplimiento así lo exijan. En ese caso, no siempre está obligado a explicarle el motivo.',
      ],
    },
    {
      heading: '4. Su información',
      paragraphs: [
        'El proveedor conserva la información que usted le facilita para gestionar su cuenta y cumplir sus obligaciones legales. No vende esa información. La aplicación que utiliza solo ve lo necesario para mostrarle el estado de su cuenta.',
      ],
    },
    {
      heading: '5. Cambios en estos términos',
      paragraphs: [
        'El proveedor puede publicar una nueva versión de estos términos. Cuando lo haga, se le pedirá que lea y acepte la nueva versión antes de volver a usar algunas funciones. Las aceptaciones anteriores quedan registradas.',
      ],
    },
    {
      heading: '6. Preguntas',
      paragraphs: [
        'Si tiene alguna pregunta sobre su cuenta, póngase en contacto con el equipo de asistencia de la aplicación que utiliza. Ellos pueden comunicarse con el proveedor en su nombre.',
      ],
    },
  ],
  versionLine: (versionId) => `Versión ${versionId}.`,
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Whether the sandbox has a text in this language. */
export function isTosDocumentLanguage(language: string): language is TosDocumentLanguage {
  return (TOS_DOCUMENT_LANGUAGES as readonly string[]).includes(language);
}

/** Renders one version of the Terms of Service as a small, self-contained HTML page. */
export function renderTosDocument(versionId: string, language: TosDocumentLanguage): TosDocument {
  const text = language === 'es' ? spanishText : englishText;
  const body = [
    `<h1>${escapeHtml(text.title)}</h1>`,
    `<p><em>${escapeHtml(text.versionLine(versionId))}</em></p>`,
    `<p>${escapeHtml(text.intro)}</p>`,
    ...text.sections.flatMap((section) => [
      `<h2>${escapeHtml(section.heading)}</h2>`,
      ...section.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ]),
  ].join('\n');
  const html = `<!doctype html>\n<html lang="${language}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(
    text.title,
  )}</title>\n</head>\n<body>\n<article>\n${body}\n</article>\n</body>\n</html>\n`;
  return { versionId, language, title: text.title, html };
}
