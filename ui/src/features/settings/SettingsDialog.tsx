/** Workspace settings: the word for a team (`set_team_word`), and the language. */
import { useState } from 'react';
import type { TeamWord } from '../../api/types';
import { useI18n } from '../../i18n/react';
import { LANGS, type Lang } from '../../i18n';
import { Dialog } from './Dialog';

interface Props {
  open: boolean;
  teamWord: TeamWord;
  editable: boolean;
  onSave(word: TeamWord): Promise<boolean>;
  onLang(lang: Lang): void;
  onClose(): void;
}

export function SettingsDialog(props: Props) {
  return (
    <Dialog open={props.open} onClose={props.onClose} labelledBy="settings-title" testid="settings-dialog">
      <SettingsForm {...props} />
    </Dialog>
  );
}

function SettingsForm(props: Props) {
  const { t, lang } = useI18n();
  const [singular, setSingular] = useState(props.teamWord.singular);
  const [plural, setPlural] = useState(props.teamWord.plural);
  const [busy, setBusy] = useState(false);
  const valid = singular.trim() !== '' && plural.trim() !== '';
  return (
    <form
      method="dialog"
      className="dialog-body"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!valid) return;
        setBusy(true);
        const ok = await props.onSave({ singular: singular.trim(), plural: plural.trim() });
        setBusy(false);
        if (ok) props.onClose();
      }}
    >
      <h2 id="settings-title">{t('settings.title')}</h2>
      <fieldset className="fieldset">
        <legend>{t('lang.label')}</legend>
        <div className="segmented" role="radiogroup" aria-label={t('lang.label')}>
          {LANGS.map((l) => (
            <label key={l} className={l === lang ? 'on' : undefined}>
              <input type="radio" name="lang" value={l} checked={l === lang} onChange={() => props.onLang(l)} />
              {t(`lang.${l}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset" disabled={!props.editable}>
        <legend>{t('settings.teamWord')}</legend>
        <p className="help">{t('settings.teamWordHelp')}</p>
        <div className="row">
          <label className="labelled">
            <span>{t('settings.singular')}</span>
            <input className="field" value={singular} onChange={(e) => setSingular(e.target.value)} data-testid="team-word-singular" required />
          </label>
          <label className="labelled">
            <span>{t('settings.plural')}</span>
            <input className="field" value={plural} onChange={(e) => setPlural(e.target.value)} data-testid="team-word-plural" required />
          </label>
        </div>
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="button quiet" onClick={props.onClose}>
          {t('settings.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={busy || !valid || !props.editable} data-testid="settings-save">
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}
