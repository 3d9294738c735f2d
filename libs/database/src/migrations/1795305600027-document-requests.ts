import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Utlämnande (issue 24): requests for allmänna handlingar (from whom, if the requester says, what,
 * when), the sekretessprövning of each requested document (release, release with redactions, or
 * refuse with the OSL provision), and the hold an open request keeps on each of its cases.
 */
export class DocumentRequests1795305600027 implements MigrationInterface {
  name = 'DocumentRequests1795305600027';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE document_requests (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        requester VARCHAR(300) NULL,
        contact VARCHAR(300) NULL,
        description VARCHAR(2000) NOT NULL,
        received_at DATETIME(3) NOT NULL,
        status VARCHAR(16) NOT NULL,
        registered_by BIGINT UNSIGNED NULL,
        decided_by BIGINT UNSIGNED NULL,
        decided_at DATETIME(3) NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        KEY ix_document_requests_status (municipality_id, status, received_at),
        CONSTRAINT ck_document_requests_status CHECK (status IN ('open', 'decided'))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      CREATE TABLE document_request_items (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        request_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        decision VARCHAR(20) NOT NULL DEFAULT 'pending',
        osl_provision VARCHAR(100) NULL,
        reasons VARCHAR(2000) NULL,
        decided_by BIGINT UNSIGNED NULL,
        decided_at DATETIME(3) NULL,
        decision_document_id BIGINT UNSIGNED NULL,
        UNIQUE KEY uq_document_request_items (request_id, document_id),
        KEY ix_document_request_items_request (municipality_id, request_id),
        CONSTRAINT fk_document_request_items_request FOREIGN KEY (request_id) REFERENCES document_requests (id),
        CONSTRAINT ck_document_request_items_decision CHECK (decision IN ('pending', 'release', 'release-redacted', 'refuse'))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(
      'ALTER TABLE record_holds ADD COLUMN request_id BIGINT UNSIGNED NULL, ADD KEY ix_record_holds_request (municipality_id, request_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE record_holds DROP KEY ix_record_holds_request, DROP COLUMN request_id',
    );
    await queryRunner.query('DROP TABLE document_request_items');
    await queryRunner.query('DROP TABLE document_requests');
  }
}
