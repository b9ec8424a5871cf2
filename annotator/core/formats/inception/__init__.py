"""INCEpTION and WebAnno: UIMA CAS XMI with its type system (`xmi_*`) and WebAnno TSV 3.3
(`tsv_*`), both read and written with the same layers (`schema`)."""
