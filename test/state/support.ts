// Helpers for the versions and comparison tests: the shipped scenarios built from models/, and
// in-process engine "workers" (the real engine behind Comlink on a MessageChannel).
import { readFileSync } from 'node:fs';
import * as Comlink from 'comlink';
import type { ScenarioDocument } from '../../src/core/document';
import { migrateDocument } from '../../src/core/migrations';
import { SHIPPED_SCENARIOS, buildShippedScenario } from '../../src/core/scenario/shipped';
import type { EngineEndpoint } from '../../src/engine/engineClient';
import { createEngine } from '../../workers/engine';

function model(path: string): ScenarioDocument {
  const parsed = migrateDocument(
    JSON.parse(readFileSync(new URL(`../../models/${path}`, import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** The scenarios a first run adds (Stockholm, Dalarna), built as the app builds them. */
export function shippedScenarios(): ScenarioDocument[] {
  return SHIPPED_SCENARIOS.map((recipe) =>
    buildShippedScenario(
      recipe,
      (stem) => {
        try {
          return model(`templates/${stem}.bana.json`);
        } catch {
          return model(`baselines/${stem}.bana.json`);
        }
      },
      new Date('2026-01-01T00:00:00Z'),
    ),
  );
}

/** Endpoints for engine clients: counts how many were made and how many are still open. */
export function inProcessEndpoints() {
  const stats = { made: 0, open: 0 };
  const create = (): EngineEndpoint => {
    const channel = new MessageChannel();
    Comlink.expose(createEngine(), channel.port1);
    stats.made++;
    stats.open++;
    let closed = false;
    return {
      endpoint: channel.port2 as unknown as Comlink.Endpoint,
      terminate: () => {
        if (closed) return;
        closed = true;
        stats.open--;
        channel.port1.close();
        channel.port2.close();
      },
    };
  };
  return { create, stats };
}
