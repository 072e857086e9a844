import { Card, Flex } from "antd";
import type { ReactNode } from "react";
import { PageTitle } from "./PageTitle";
import { type QueryField, QueryForm } from "./QueryForm";

/** The part of a list's URL state (useListParams) its query form reads and changes. */
interface ListFilters<Key extends string> {
  filters: Partial<Record<Key, string>>;
  setFilters: (changes: Partial<Record<Key, string | undefined>>) => void;
  clearFilters: () => void;
}

/** The query form's fields and the list whose URL they filter; a list without filters has neither. */
type Filtering<Key extends string> = { fields: QueryField<Key>[]; list: ListFilters<Key> } | { fields?: undefined; list?: undefined };

/** A page's title, its buttons beside it and what it shows before its list; a list inside another page has none of them. */
type Heading = { title: string; actions?: ReactNode; above?: ReactNode } | { title?: undefined; actions?: undefined; above?: undefined };

/**
 * The frame of a list page, as on every list of the app: the title with the page's actions, what
 * the page shows before its list (`above`), the query form in its card, then a card with the
 * table's toolbar (export, import, create) at its right end and the table — `children`, mostly a
 * ListTable, with what belongs to the table (its tabs) before it.
 *
 * Without a title it is a list inside another page (a tab of a detail page, a card of a ledger):
 * the query form, toolbar and table follow each other in the card that page gives them.
 */
export function ListPage<Key extends string>({
  title,
  actions,
  above,
  fields,
  list,
  toolbar,
  children,
}: Filtering<Key> &
  Heading & {
    /** The buttons above the table, at its right end. */
    toolbar?: ReactNode;
    children: ReactNode;
  }) {
  const queryForm = fields && <QueryForm fields={fields} values={list.filters} onSearch={list.setFilters} onReset={list.clearFilters} />;
  const table = (
    <>
      {toolbar && (
        <Flex justify="end" gap={8} wrap style={{ marginBottom: 12 }}>
          {toolbar}
        </Flex>
      )}
      {children}
    </>
  );
  if (title === undefined)
    return (
      <>
        {queryForm}
        {table}
      </>
    );
  return (
    <>
      <PageTitle title={title} actions={actions} />
      {above}
      {queryForm && <Card style={{ marginBottom: 16 }}>{queryForm}</Card>}
      <Card>{table}</Card>
    </>
  );
}
