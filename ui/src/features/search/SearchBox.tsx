/**
 * Type-ahead search over people, roles and teams (the server matches accent- and
 * case-insensitively). A combobox: arrows move through the results, Enter chooses, Escape
 * clears; `/` anywhere focuses it.
 */
import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import type { Backend } from '../../api/backend';
import type { SearchHit } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { latest } from './latest';

interface Props {
  backend: Backend;
  onChoose(hit: SearchHit): void;
}

export interface SearchHandle {
  focus(): void;
}

export const SearchBox = forwardRef<SearchHandle, Props>(function SearchBox({ backend, onChoose }, ref) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [searched, setSearched] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // The list closes a moment after the box loses focus (a click on a result lands first); coming
  // back before then (`/` right after choosing) cancels it, or the list would close mid-typing.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(closing.current), []);
  const listId = useId();
  const search = useRef(latest((query: string) => backend.search(query, 12)));

  useImperativeHandle(ref, () => ({ focus: () => input.current?.select() }));

  useEffect(() => {
    search.current = latest((query: string) => backend.search(query, 12));
  }, [backend]);

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setHits([]);
      setSearched('');
      return;
    }
    const timer = setTimeout(() => {
      search.current(query).then(
        (r) => {
          if (r.stale) return;
          setHits(r.value);
          setSearched(query);
          setActive(0);
        },
        () => setHits([]),
      );
    }, 90);
    return () => clearTimeout(timer);
  }, [q]);

  const choose = (h: SearchHit) => {
    onChoose(h);
    setOpen(false);
    setQ('');
    setHits([]);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      setOpen(true);
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter') {
      if (hits[active]) choose(hits[active]);
    } else if (e.key === 'Escape') {
      if (q) setQ('');
      else input.current?.blur();
    } else return;
    e.preventDefault();
  };

  const showList = open && q.trim() !== '';
  const kind = (h: SearchHit) => t(h.kind === 'person' ? 'search.kind.person' : h.kind === 'role' ? 'search.kind.role' : 'search.kind.team');

  return (
    <div className="search">
      <svg className="search-icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="11" cy="11" r="7" />
        <path d="M16.5 16.5 21 21" />
      </svg>
      <input
        ref={input}
        type="search"
        data-testid="search-input"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? `${listId}-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={q}
        onChange={(e) => {
          clearTimeout(closing.current);
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => {
          clearTimeout(closing.current);
          setOpen(true);
        }}
        onBlur={() => {
          clearTimeout(closing.current);
          closing.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      <kbd className="search-kbd" aria-hidden="true" title={t('search.shortcut')}>
        /
      </kbd>
      {showList && (
        <ul className="search-results" id={listId} role="listbox" data-testid="search-results">
          {hits.map((h, i) => (
            <li
              key={`${h.kind}:${h.id}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              data-testid="search-result"
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(h)}
            >
              <span className={`search-kind kind-${h.kind}`}>{kind(h)}</span>
              <span className="search-label">{h.label}</span>
              {h.detail && <span className="search-detail">{h.detail}</span>}
            </li>
          ))}
          {hits.length === 0 && searched === q.trim() && (
            <li className="search-none" role="presentation">
              {t('search.none', { q: q.trim() })}
            </li>
          )}
        </ul>
      )}
    </div>
  );
});
