import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundProblem } from '@nf/common';
import { Repository } from 'typeorm';
import { Municipality } from './municipality.entity';

/** Reads of tenants; the only way other contexts look a municipality up. */
@Injectable()
export class Municipalities {
  constructor(
    @InjectRepository(Municipality) private readonly repository: Repository<Municipality>,
  ) {}

  async findBySlug(slug: string): Promise<Municipality | null> {
    return this.repository.findOne({ where: { slug } });
  }

  async getBySlug(slug: string): Promise<Municipality> {
    const municipality = await this.findBySlug(slug);
    if (!municipality) throw new NotFoundProblem('municipality', slug);
    return municipality;
  }

  async getById(id: number): Promise<Municipality> {
    const municipality = await this.repository.findOne({ where: { id } });
    if (!municipality) throw new NotFoundProblem('municipality', id);
    return municipality;
  }

  async list(): Promise<Municipality[]> {
    return this.repository.find({ order: { name: 'ASC' } });
  }
}
