'use client';

import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { healthQueryOptions } from '@/lib/queries';
import {
  INSTRUCTION_PRESETS,
  type InstructionPresetId,
  MATRYOSHKA_DIMENSIONS,
  MAX_INSTRUCTION_CHARS,
  MIN_DIMENSIONS,
} from '@/lib/schemas';
import { dimensionChoices, type Knobs } from '@/lib/teaching';
import { useI18n } from './i18n-provider';

const CUSTOM = 'custom';
const FIELD =
  'min-h-11 rounded-lg border border-slate-300 bg-white px-2 text-slate-900 text-sm shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30 sm:min-h-9';

interface SearchKnobsProps {
  knobs: Knobs;
  /** `rerun`: apply at once to the shown results (a choice was made, not a character typed). */
  onChange: (knobs: Knobs, rerun: boolean) => void;
  onSubmit: () => void;
}

/**
 * Dimensions re-ranks from the cached full vectors (no model work); Instruction re-embeds only the
 * query (the entries never get one). Both re-run the search at once when chosen.
 */
export function SearchKnobs({ knobs, onChange, onSubmit }: SearchKnobsProps) {
  const ids = useId();
  // Dimensions stay plain digits, as the model card and the API write them.
  const { m } = useI18n();
  const words = m.query.knobs;
  const health = useQuery(healthQueryOptions);
  const modelDims = health.data?.model?.dims;
  const choices = modelDims ? dimensionChoices(modelDims, MATRYOSHKA_DIMENSIONS, MIN_DIMENSIONS) : [];
  const instructionValue = 'preset' in knobs.instruction ? knobs.instruction.preset : CUSTOM;

  return (
    <fieldset
      data-testid="search-knobs"
      className="mt-4 grid gap-3 border-slate-100 border-t pt-4 sm:grid-cols-2"
    >
      <legend className="sr-only">{words.legend}</legend>
      <label htmlFor={`${ids}-dims`} className="flex flex-col gap-1 font-medium text-slate-700 text-sm">
        {words.dimensions}
        <select
          id={`${ids}-dims`}
          data-testid="dimensions-select"
          value={knobs.dimensions ?? 'full'}
          disabled={!modelDims}
          onChange={(event) => {
            const value = event.target.value === 'full' ? null : Number(event.target.value);
            onChange({ ...knobs, dimensions: value === modelDims ? null : value }, true);
          }}
          className={FIELD}
        >
          {choices.map((d) =>
            d === modelDims ? (
              <option key="full" value="full">
                {words.fullDimensions(String(d))}
              </option>
            ) : (
              <option key={d} value={d}>
                {d}
              </option>
            ),
          )}
          {!modelDims ? <option value="full">{words.full}</option> : null}
        </select>
        <span className="font-normal text-slate-500 text-xs">{words.dimensionsHint}</span>
      </label>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-instruction`} className="font-medium text-slate-700 text-sm">
          {words.instruction}
        </label>
        <select
          id={`${ids}-instruction`}
          data-testid="instruction-select"
          value={instructionValue}
          onChange={(event) => {
            const value = event.target.value;
            if (value === CUSTOM) onChange({ ...knobs, instruction: { custom: '' } }, false);
            else onChange({ ...knobs, instruction: { preset: value as InstructionPresetId } }, true);
          }}
          className={FIELD}
        >
          {INSTRUCTION_PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {words.presets[preset.id]}
            </option>
          ))}
          <option value={CUSTOM}>{words.customOption}</option>
        </select>
        {'custom' in knobs.instruction ? (
          <input
            type="text"
            data-testid="instruction-custom"
            aria-label={words.customLabel}
            placeholder={words.customPlaceholder}
            maxLength={MAX_INSTRUCTION_CHARS}
            value={knobs.instruction.custom}
            onChange={(event) => onChange({ ...knobs, instruction: { custom: event.target.value } }, false)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                onSubmit();
              }
            }}
            className={FIELD}
          />
        ) : null}
        <span className="text-slate-500 text-xs">{words.instructionHint}</span>
      </div>
    </fieldset>
  );
}
