// Checked by `tsc -p .` (part of `pnpm test` and `pnpm build`): the manifest's setting keys against the
// server's Settings type. A setting added to one and not the other fails to compile.
import type { Settings } from '@cuomin/language-server';
import type * as Manifest from '../package.json';

type Contributed = keyof (typeof Manifest)['contributes']['configuration']['properties'];
type ServerKeys = `cuomin.${keyof Settings}`;
/** Applied by the extension itself (see src/diagnostics.ts). */
type ClientOnly = 'cuomin.severity';

type MissingFromManifest = Exclude<ServerKeys, Contributed>;
type UnknownToServer = Exclude<Contributed, ServerKeys | ClientOnly>;

export const everyServerSettingIsContributed: [MissingFromManifest] extends [never] ? true : MissingFromManifest = true;
export const everyContributedSettingIsKnown: [UnknownToServer] extends [never] ? true : UnknownToServer = true;
