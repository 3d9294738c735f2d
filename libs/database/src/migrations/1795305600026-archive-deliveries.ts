import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries to the e-archive (issue 24): a delivery is a selection of closed cases written as one
 * SIP (FGS Paketstruktur / E-ARK CSIP with CITS ERMS metadata) by the one process that holds its
 * lease; its receipt is a row per case delivered, written with the finished package's checksum.
 */
export class ArchiveDeliveries1795305600026 implements MigrationInterface {
  name = 'ArchiveDeliveries1795305600026';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE archive_deliveries (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        package_id VARCHAR(100) NOT NULL,
        status VARCHAR(16) NOT NULL,
        selection JSON NOT NULL,
        output_path VARCHAR(1000) NOT NULL,
        cases_total INT UNSIGNED NULL,
        cases_done INT UNSIGNED NOT NULL DEFAULT 0,
        files_done INT UNSIGNED NOT NULL DEFAULT 0,
        bytes_written BIGINT UNSIGNED NOT NULL DEFAULT 0,
        package_sha256 CHAR(64) NULL,
        package_bytes BIGINT UNSIGNED NULL,
        attempts INT UNSIGNED NOT NULL DEFAULT 0,
        lease_owner VARCHAR(200) NULL,
        lease_until DATETIME(3) NULL,
        error VARCHAR(2000) NULL,
        requested_by BIGINT UNSIGNED NULL,
        requested_at DATETIME(3) NOT NULL,
        started_at DATETIME(3) NULL,
        finished_at DATETIME(3) NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        UNIQUE KEY uq_archive_deliveries_package (package_id),
        KEY ix_archive_deliveries_status (municipality_id, status),
        CONSTRAINT ck_archive_deliveries_status CHECK (status IN ('queued', 'running', 'delivered', 'failed'))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      CREATE TABLE archive_receipts (
        municipality_id BIGINT UNSIGNED NOT NULL,
        delivery_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        dnr VARCHAR(64) NOT NULL,
        documents INT UNSIGNED NOT NULL,
        files INT UNSIGNED NOT NULL,
        delivered_at DATETIME(3) NOT NULL,
        PRIMARY KEY (delivery_id, case_id),
        KEY ix_archive_receipts_case (municipality_id, case_id),
        CONSTRAINT fk_archive_receipts_delivery FOREIGN KEY (delivery_id) REFERENCES archive_deliveries (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE archive_receipts');
    await queryRunner.query('DROP TABLE archive_deliveries');
  }
}
