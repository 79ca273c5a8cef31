// The printed attendance sheet: a plain table with empty boxes to tick on paper, health and meal needs in words,
// a notes column and a signature line. Rendered under <body> and shown only when printing (print.css), so the
// screen's buttons and navigation never reach the paper.
import { createPortal } from 'react-dom';
import { dietLabels } from '../families/labels';
import { formatDateTime } from '../families/format';
import { longDate } from '../reservations/dates';
import type { AttendanceSheet } from '../reservations/queries';
import { text } from './text';

type Row = AttendanceSheet['rows'][number];

interface PrintSheetProps {
  sheet: AttendanceSheet;
  rows: readonly Row[];
  date: string;
  groupName: string;
  unitName: string;
  multiUnit: boolean;
}

export function PrintSheet({ sheet, rows, date, groupName, unitName, multiUnit }: PrintSheetProps) {
  const t = text.printSheet;
  const unit = (id: string) => sheet.units.find((u) => u.id === id)?.name ?? '';
  const groups = groupName
    ? [{ id: '', name: groupName, rows }]
    : sheet.groups.map((g) => ({ id: g.id, name: g.name, rows: rows.filter((r) => r.groupId === g.id) }));
  return createPortal(
    <div className="attendance-print" data-testid="attendance-print">
      <h1>{t.title(sheet.activity.name)}</h1>
      <p className="meta">
        {t.meta(longDate(date, true), groupName, unitName)} — {t.expected(rows.length)}
      </p>
      {groups
        .filter((g) => g.rows.length > 0)
        .map((g) => (
          <section key={g.id || 'all'}>
            {!groupName && <h2 className="groupTitle">{`${g.name} (${g.rows.length})`}</h2>}
            <table>
              <thead>
                <tr>
                  <th className="name">{text.columns.child}</th>
                  <th className="level">{text.columns.level}</th>
                  <th>{text.columns.health}</th>
                  {multiUnit && <th className="unit">{text.columns.unit}</th>}
                  <th className="check">{t.present}</th>
                  <th className="check">{t.absent}</th>
                  <th className="notes">{t.notes}</th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.bookingId}>
                    <td>
                      <strong>{r.child.lastName.toUpperCase()}</strong> {r.child.firstName}
                      {r.unbooked ? ` (${text.unbooked})` : ''}
                    </td>
                    <td>{r.child.schoolLevel ?? ''}</td>
                    <td className="health">
                      {r.child.hasCareplan && (
                        <strong>
                          PAI{r.child.careplanNote ? ` : ${r.child.careplanNote}` : ''}
                          {r.child.allergies.trim() || r.child.diet !== 'none' ? ' · ' : ''}
                        </strong>
                      )}
                      {[
                        r.child.allergies.trim() ? text.allergies(r.child.allergies) : '',
                        r.child.diet !== 'none' ? dietLabels[r.child.diet] : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                    {multiUnit && <td>{unit(r.unitId)}</td>}
                    <td className="check">
                      <span className="box">{r.status === 'attended' ? '✓' : ''}</span>
                    </td>
                    <td className="check">
                      <span className="box">{r.status === 'absent' ? '✓' : ''}</span>
                    </td>
                    <td className="notes" />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      <p className="footer">
        {t.signature} ______________________________ &nbsp; {t.printedAt(formatDateTime(new Date().toISOString()))}
      </p>
    </div>,
    document.body,
  );
}
