import { useQuery } from "@tanstack/react-query";
import { TreeSelect, type TreeSelectProps } from "antd";
import { type JurisdictionNode, jurisdictionRoutes } from "../../../contracts/jurisdictions";
import { call } from "../../app/api";

interface TreeOption {
  value: string;
  title: string;
  selectable: boolean;
  children: TreeOption[];
}

function toOptions(nodes: JurisdictionNode[], leavesOnly: boolean): TreeOption[] {
  return nodes.map((node) => ({
    value: node.code,
    title: node.name,
    selectable: !leavesOnly || node.children.length === 0,
    children: toOptions(node.children, leavesOnly),
  }));
}

/** Whether `code` lies in the caller's visible tree (an institution's own users see no tree at all). */
export function treeContains(nodes: JurisdictionNode[], code: string): boolean {
  return nodes.some((node) => node.code === code || treeContains(node.children, code));
}

export function useJurisdictionTree() {
  return useQuery({ queryKey: [jurisdictionRoutes.tree.path], queryFn: () => call(jurisdictionRoutes.tree), staleTime: Number.POSITIVE_INFINITY });
}

type Props = Omit<TreeSelectProps<string>, "treeData"> & {
  /** Institutions sit in counties, so their form may pick only nodes without children. */
  leavesOnly?: boolean;
};

/** The caller's visible part of the province → city → county tree, searchable by name. */
export function JurisdictionTreeSelect({ leavesOnly = false, ...props }: Props) {
  const tree = useJurisdictionTree();
  const roots = tree.data?.roots ?? [];
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: "title" }}
      allowClear
      loading={tree.isPending}
      treeDefaultExpandedKeys={roots.map((root) => root.code)}
      treeData={toOptions(roots, leavesOnly)}
      notFoundContent={tree.isError ? tree.error.message : "无匹配的行政区划"}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
