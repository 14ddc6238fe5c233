/**
 * Flow collections for the fast YAML reader — `[a, b]`, `{ k: v }`, over several lines too — and so
 * JSON, which is YAML written in flow style. Multi-line plain scalars, trailing commas, empty values
 * and single-pair mappings in sequences are left to the yaml library.
 */
import { MAPPING, SEQUENCE, type Members } from '../../../src/model/source-offsets.js';
import type { JsonObject, JsonValue } from '../../../src/model/types.js';
import { plainValue } from './yaml-scalars.js';
import {
  bail, blank, COLON, COMMA, Cursor, DQ, flowIndicator, HASH, LBRACE, LBRACKET, LF, MAX_KEY, plainStart, RBRACE, RBRACKET, SP, SQ,
} from './yaml-cursor.js';

export abstract class FlowReader extends Cursor {
  /**
   * A flow collection; lines it continues on must be indented at least `min` (the yaml library's
   * rule, minus its leniency for a closing bracket one column further left, which we leave to it).
   */
  protected flow(min: number): JsonValue {
    this.enter();
    const t = this.t;
    const isSeq = t.charCodeAt(this.i) === LBRACKET;
    const close = isSeq ? RBRACKET : RBRACE;
    const members: Members = [isSeq ? SEQUENCE : MAPPING];
    const list: JsonValue[] = [];
    const map: JsonObject = {};
    this.i++;
    this.flowSpace(min);
    if (t.charCodeAt(this.i) !== close) {
      for (;;) {
        this.last = null;
        if (isSeq) {
          const at = this.i;
          list.push(this.flowValue(min));
          members.push(at, this.last);
        } else {
          const keyAt = this.i;
          const key = this.flowKey();
          this.flowSpace(min);
          const c = t.charCodeAt(this.i);
          if (c === COMMA || c === RBRACE) bail();
          const repeated = map[key] !== undefined && Object.hasOwn(map, key);
          if (repeated) this.duplicates.push({ key, offset: keyAt });
          const valueAt = this.i;
          const value = this.flowValue(min);
          if (!repeated) {
            map[key] = value;
            members.push(key, keyAt, valueAt, this.last);
          }
        }
        this.flowSpace(min);
        const c = t.charCodeAt(this.i);
        if (c === close) break;
        if (c !== COMMA) bail();
        this.i++;
        this.flowSpace(min);
        if (t.charCodeAt(this.i) === close) bail();
      }
    }
    this.i++;
    this.depth--;
    this.last = members;
    return isSeq ? list : map;
  }

  /** Spaces, line breaks and comments inside a flow collection. */
  protected flowSpace(min: number): void {
    const t = this.t;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (c === SP) this.i++;
      else if (c === HASH) {
        const p = t.charCodeAt(this.i - 1);
        if (p !== SP && p !== LF) bail();
        const nl = t.indexOf('\n', this.i);
        this.i = nl < 0 ? t.length : nl;
      } else if (c === LF) {
        const s = ++this.i;
        this.lineStart = s;
        let j = s;
        while (t.charCodeAt(j) === SP) j++;
        const d = t.charCodeAt(j);
        if (d !== LF && d === d && (j - s < min || (j === s && (t.startsWith('---', s) || t.startsWith('...', s))))) bail();
        this.i = j;
      } else return;
    }
  }

  protected flowKey(): string {
    const t = this.t;
    const start = this.i;
    const c = t.charCodeAt(start);
    let name: string;
    if (c === DQ || c === SQ) {
      name = this.quoted();
      while (t.charCodeAt(this.i) === SP) this.i++;
      if (t.charCodeAt(this.i) !== COLON) bail();
    } else {
      const v = this.flowPlain();
      if (v === null) bail();
      name = String(v);
      while (t.charCodeAt(this.i) === SP) this.i++;
      if (t.charCodeAt(this.i) !== COLON) bail();
    }
    if (this.i - start > MAX_KEY || name === '__proto__') bail();
    this.i++;
    return name;
  }

  protected flowValue(min: number): JsonValue {
    const c = this.t.charCodeAt(this.i);
    if (c === LBRACKET || c === LBRACE) return this.flow(min);
    if (c === DQ || c === SQ) return this.quoted();
    return this.flowPlain();
  }

  /** A one-line plain scalar in flow context: it ends at , [ ] { }, at `: `, at ` #` or at the line's end. */
  protected flowPlain(): JsonValue {
    const t = this.t;
    const start = this.i;
    if (!plainStart(t, start, true)) bail();
    let j = start;
    for (;;) {
      const c = t.charCodeAt(j);
      if (c === LF || c !== c || flowIndicator(c)) break;
      if (c === COLON) {
        const n = t.charCodeAt(j + 1);
        if (blank(n) || flowIndicator(n)) break;
      }
      if (c === HASH && t.charCodeAt(j - 1) === SP) break;
      j++;
    }
    while (j > start && t.charCodeAt(j - 1) === SP) j--;
    this.i = j;
    return plainValue(t.slice(start, j));
  }
}
