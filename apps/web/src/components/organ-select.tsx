import { Field, Label, Select, type SelectProps } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useOrgans } from './queries';

/** A labelled picker of the municipality's organs, with an optional first choice of none. */
export function OrganSelect({
  id,
  label,
  none,
  ...select
}: SelectProps & { id: string; label: string; none?: string }) {
  const organs = useOrgans();
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} {...select}>
        {none !== undefined && <Select.Option value="">{none}</Select.Option>}
        {organs.data?.map((organ) => (
          <Select.Option key={organ.id} value={organ.id}>
            {organ.name}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

/** The organ a page shows, chosen by the user; the styrelse (KS) until they choose another. */
export function useChosenOrgan(): [number | undefined, (organId: number) => void] {
  const organs = useOrgans();
  const [organId, setOrganId] = useState<number | null>(null);
  const chosen =
    organId ?? organs.data?.find((organ) => organ.code === 'KS')?.id ?? organs.data?.[0]?.id;
  return [chosen, setOrganId];
}
