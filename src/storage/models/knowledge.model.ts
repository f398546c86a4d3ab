import { Schema, type Connection } from 'mongoose';

/**
 * One entry per resolved case (`_id` is the case id): what the knowledge search reads. Written on
 * every resolution, marked not current while the case is reopened, so the search can be built on
 * it later without a migration.
 */
export interface KnowledgeEntryDocument {
  _id: string;
  workspace: string;
  caseKey: string;
  title: string;
  tags: string[];
  cause: string;
  fix: string;
  account: string | null;
  resolvedAt: Date;
  /** False while the case is reopened: its cause and fix may turn out wrong. */
  current: boolean;
  /** When this entry last changed: other replicas refresh their search index from it. */
  changedAt: Date;
}

const knowledgeSchema = new Schema<KnowledgeEntryDocument>(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    caseKey: { type: String, required: true },
    title: { type: String, required: true },
    tags: { type: [String], default: [] },
    cause: { type: String, required: true },
    fix: { type: String, required: true },
    account: { type: String, default: null },
    resolvedAt: { type: Date, required: true },
    current: { type: Boolean, required: true },
    changedAt: { type: Date, required: true },
  },
  { collection: 'knowledge', versionKey: false },
);

knowledgeSchema.index({ workspace: 1, changedAt: 1 });

export function knowledgeModel(connection: Connection) {
  return connection.model('KnowledgeEntry', knowledgeSchema);
}
