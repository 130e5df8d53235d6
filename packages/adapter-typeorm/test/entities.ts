/**
 * Decorated entities for the TypeORM-specific tests. Column types are spelled out because vitest compiles with
 * esbuild, which applies `experimentalDecorators` but does not emit `design:type` metadata
 * (`emitDecoratorMetadata`), so TypeORM could not infer them.
 */
import { Column, Entity, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'authors' })
export class Author {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @OneToMany(
    () => Book,
    (book) => book.author,
  )
  books?: Book[];

  constructor(id: number, name: string) {
    this.id = id;
    this.name = name;
  }
}

@Entity({ name: 'books' })
export class Book {
  @PrimaryGeneratedColumn({ type: 'int' })
  id?: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @ManyToOne(
    () => Author,
    (author) => author.books,
    { nullable: true },
  )
  author?: Author;

  constructor(title: string, author?: Author) {
    this.title = title;
    if (author) this.author = author;
  }
}
