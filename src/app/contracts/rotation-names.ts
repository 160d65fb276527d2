/** The rotation contracts' names, without zod (see schema-names.ts). */
export const ROTATION_SCHEMA = 'altseason.rotation/v1';
export const SECTORS_SCHEMA = 'altseason.sectors/v1';
export const ROTATION_TEST_SCHEMA = 'altseason.rotation-test/v1';
