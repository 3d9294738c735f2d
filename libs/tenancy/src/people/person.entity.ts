import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

/** A person who sits on an organ or works for the municipality. */
@Entity({ name: 'people' })
export class Person {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  party: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

export function toPersonView(person: Person) {
  return {
    id: person.id,
    name: person.name,
    title: person.title,
    party: person.party,
    email: person.email,
    version: person.version,
  };
}
